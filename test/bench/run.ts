/**
 * `npm run bench [-- name ...]`: runs every test/bench/*.bench.ts (or the named ones), writes
 * bench-results/<name>.json per benchmark and bench-results/SUMMARY.md for all of them.
 */
import { mkdirSync, readdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import os from 'node:os';
import type { Benchmark, BenchReport } from './bench-types';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, '..', '..', 'bench-results');
const wanted = process.argv.slice(2);

function formatReport(name: string, report: BenchReport): string {
  const rows = report.metrics.map((m) => {
    const verdict = m.met === undefined ? '' : m.met ? 'met' : 'NOT met';
    return `| ${m.name} | ${Number.isInteger(m.value) ? m.value : m.value.toFixed(3)} ${m.unit} | ${m.target ?? ''} | ${verdict} |`;
  });
  const notes = (report.notes ?? []).map((n) => `- ${n}`);
  return [`## ${name}`, '', '| metric | value | target | |', '|---|---|---|---|', ...rows, '', ...notes, ''].join('\n');
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const files = readdirSync(here)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => wanted.length === 0 || wanted.includes(f.replace(/\.bench\.ts$/, '')))
    .sort();
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(here, file)).href)) as { default: Benchmark };
    const bench = mod.default;
    console.log(`bench ${bench.name} …`);
    const startedAt = new Date().toISOString();
    const report = await bench.run();
    const record = { name: bench.name, startedAt, machine: { cpus: os.cpus().length, node: process.version }, ...report };
    writeFileSync(join(outDir, `${bench.name}.json`), JSON.stringify(record, null, 2));
    console.log(formatReport(bench.name, report));
  }
  const sections = readdirSync(outDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const r = JSON.parse(readFileSync(join(outDir, f), 'utf8')) as BenchReport & { name: string; startedAt: string };
      return `${formatReport(r.name, r)}\n_measured ${r.startedAt}_\n`;
    });
  const summaryPath = join(outDir, 'SUMMARY.md');
  writeFileSync(summaryPath, ['# Benchmark results', '', ...sections].join('\n'));
  console.log(`results written to ${existsSync(summaryPath) ? summaryPath : outDir}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
