/**
 * `npm run bench [-- [--small] name ...]`: runs every test/bench/*.bench.ts (or the named ones), writes
 * bench-results/<name>.json per benchmark (with the commit and whether the tree was clean) and
 * bench-results/SUMMARY.md for all of them. `--small` runs a small practice into bench-results/small/
 * to prove the benchmarks work; those results are smoke runs, never measurements.
 */
import { mkdirSync, readdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import os from 'node:os';
import type { Benchmark } from './bench-types';
import { currentProvenance } from './provenance';
import { SCALE_ENV, benchScale } from './scale';
import { buildSummary, formatReport, type BenchRecord } from './summary';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const args = process.argv.slice(2);
if (args.includes('--small')) process.env[SCALE_ENV] = 'small';
const wanted = args.filter((a) => a !== '--small');
const scale = benchScale();
const outDir = join(root, 'bench-results', ...(scale === 'small' ? ['small'] : []));

function readRecords(names: string[]): Map<string, BenchRecord> {
  const records = new Map<string, BenchRecord>();
  for (const name of names) {
    const file = join(outDir, `${name}.json`);
    if (existsSync(file)) records.set(name, JSON.parse(readFileSync(file, 'utf8')) as BenchRecord);
  }
  return records;
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const all = readdirSync(here)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort();
  const benches = await Promise.all(
    all.map(async (file) => ({
      stem: file.replace(/\.bench\.ts$/, ''),
      bench: ((await import(pathToFileURL(join(here, file)).href)) as { default: Benchmark }).default,
    })),
  );
  // A benchmark is named by its file (crash) or its own name (crash-harness).
  const chosen = (b: (typeof benches)[number]) => wanted.length === 0 || wanted.includes(b.stem) || wanted.includes(b.bench.name);
  const unknown = wanted.filter((w) => !benches.some((b) => b.stem === w || b.bench.name === w));
  if (unknown.length) throw new Error(`No such benchmark: ${unknown.join(', ')} (have ${benches.map((b) => b.stem).join(', ')})`);
  // Read before anything runs: the code measured is the code checked out now.
  const provenance = currentProvenance(root);
  for (const { bench } of benches.filter(chosen)) {
    console.log(`bench ${bench.name} (${scale} scale) …`);
    const startedAt = new Date().toISOString();
    const began = performance.now();
    const report = await bench.run();
    const record: BenchRecord = {
      name: bench.name,
      scale,
      startedAt,
      durationMs: Math.round(performance.now() - began),
      provenance,
      machine: { cpus: os.cpus().length, node: process.version, loadAverage: os.loadavg() },
      ...report,
    };
    writeFileSync(join(outDir, `${bench.name}.json`), JSON.stringify(record, null, 2));
    console.log(formatReport(bench.name, report));
    console.log(`(${bench.name} took ${Math.round(record.durationMs / 1000)} s)`);
  }
  const names = benches.map((b) => b.bench.name);
  const summaryPath = join(outDir, 'SUMMARY.md');
  writeFileSync(summaryPath, buildSummary(root, names, readRecords(names), currentProvenance(root), scale));
  console.log(`results written to ${summaryPath}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
