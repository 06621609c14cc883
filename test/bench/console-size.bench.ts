/**
 * The console's JavaScript as shipped: reads the production build in out/renderer (run
 * `electron-vite build` first) and reports the first page's JavaScript — the entry script index.html
 * loads and every chunk it imports statically, which the browser must fetch before anything shows —
 * and all of it, lazily loaded chunks included, minified and gzipped. Sizes are exact, not timings:
 * machine load does not change them.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Benchmark, BenchMetric } from './bench-types';

const ROOT = join(import.meta.dirname, '..', '..');
const OUT = join(ROOT, 'out', 'renderer');
/** Issue 13: the first page's JavaScript at most 600 kB minified. */
const FIRST_PAGE_LIMIT_KB = 600;
/** What the build is made from: a build older than any of these does not show the code checked out now. */
const BUILD_INPUTS = ['renderer', 'electron/contract', 'electron/core/domain', 'electron.vite.config.ts', 'package.json'];

const kb = (bytes: number): number => Number((bytes / 1000).toFixed(1));
const gzipped = (file: string): number => gzipSync(readFileSync(file)).length;

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

function assertFreshBuild(): void {
  const html = join(OUT, 'index.html');
  if (!existsSync(html))
    throw new Error('The console is not built (out/renderer/index.html is missing): run `npx electron-vite build` first.');
  const built = statSync(html).mtimeMs;
  const stale = BUILD_INPUTS.filter((input) => newestMtime(join(ROOT, input)) > built);
  if (stale.length) throw new Error(`out/renderer is older than ${stale.join(', ')}: run \`npx electron-vite build\` first.`);
}

/** `src`/`href` of index.html's module scripts and module preloads: what the page starts with. */
function entryScripts(html: string): string[] {
  const tags = html.match(/<(?:script|link)\b[^>]*>/g) ?? [];
  return tags
    .filter((tag) => /type="module"/.test(tag) || /rel="modulepreload"/.test(tag))
    .map((tag) => /(?:src|href)="([^"]+)"/.exec(tag)?.[1])
    .filter((url): url is string => url !== undefined)
    .map((url) => resolve(OUT, url));
}

/** Chunks a chunk imports statically (`import … from "./x.js"`); `import("./x.js")` loads later and is left out. */
function staticImports(file: string): string[] {
  const code = readFileSync(file, 'utf8');
  const statement = /\b(?:import|export)\s*(?:[\w$*{},\s]*?from\s*)?["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g;
  return [...code.matchAll(statement)].map((m) => resolve(dirname(file), m[1] as string));
}

function firstPageScripts(): string[] {
  const seen = new Set<string>();
  const queue = entryScripts(readFileSync(join(OUT, 'index.html'), 'utf8'));
  while (queue.length) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...staticImports(file));
  }
  return [...seen];
}

function filesEndingIn(ext: string): string[] {
  return readdirSync(OUT, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith(ext))
    .map((name) => join(OUT, name));
}

const sum = (files: string[], size: (file: string) => number): number => files.reduce((total, file) => total + size(file), 0);
const rawSize = (file: string): number => statSync(file).size;

const benchmark: Benchmark = {
  name: 'console-size',
  async run() {
    assertFreshBuild();
    const first = firstPageScripts();
    const all = filesEndingIn('.js');
    const lazy = all.filter((file) => !first.includes(file));
    const css = filesEndingIn('.css');
    const maps = filesEndingIn('.js.map');
    const firstKb = kb(sum(first, rawSize));
    const metrics: BenchMetric[] = [
      {
        name: 'first page JavaScript, minified',
        value: firstKb,
        unit: 'kB',
        target: `<= ${FIRST_PAGE_LIMIT_KB} kB`,
        met: firstKb <= FIRST_PAGE_LIMIT_KB,
      },
      { name: 'first page JavaScript, minified + gzip', value: kb(sum(first, gzipped)), unit: 'kB' },
      { name: 'all console JavaScript (lazy chunks included), minified', value: kb(sum(all, rawSize)), unit: 'kB' },
      { name: 'all console JavaScript, minified + gzip', value: kb(sum(all, gzipped)), unit: 'kB' },
      { name: 'stylesheets, minified', value: kb(sum(css, rawSize)), unit: 'kB' },
      { name: 'stylesheets, minified + gzip', value: kb(sum(css, gzipped)), unit: 'kB' },
    ];
    const name = (file: string): string => relative(OUT, file);
    const describe = (file: string): string => `${name(file)} ${kb(rawSize(file))} kB (${kb(gzipped(file))} kB gzip)`;
    return {
      metrics,
      notes: [
        `Read from out/renderer (production build, built ${new Date(statSync(join(OUT, 'index.html')).mtimeMs).toISOString()}); kB = 1,000 bytes; gzip at zlib's default level (6).`,
        `First page: ${first.map(describe).join(', ')} — index.html's module script and everything it imports statically.`,
        `Loaded later, on first use: ${lazy.length ? lazy.map(describe).join(', ') : 'nothing'}.`,
        `Source maps beside the bundles for debugging (not loaded unless DevTools asks): ${maps.length} files, ${kb(sum(maps, rawSize))} kB, not counted above.`,
      ],
    };
  },
};

export default benchmark;
