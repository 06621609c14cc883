/** The benchmark record written per benchmark, and bench-results/SUMMARY.md built from those records. */
import type { BenchReport } from './bench-types';
import { describeProvenance, isCurrent, type Provenance } from './provenance';
import type { BenchScale } from './scale';

export interface BenchRecord extends BenchReport {
  name: string;
  scale: BenchScale;
  startedAt: string;
  durationMs: number;
  provenance?: Provenance;
  machine: { cpus: number; node: string; loadAverage?: number[] };
}

export function formatReport(name: string, report: BenchReport): string {
  const rows = report.metrics.map((m) => {
    const verdict = m.met === undefined ? '' : m.met ? 'met' : 'NOT met';
    return `| ${m.name} | ${Number.isInteger(m.value) ? m.value : m.value.toFixed(3)} ${m.unit} | ${m.target ?? ''} | ${verdict} |`;
  });
  const notes = (report.notes ?? []).map((n) => `- ${n}`);
  return [`## ${name}`, '', '| metric | value | target | |', '|---|---|---|---|', ...rows, '', ...notes, ''].join('\n');
}

const minutes = (ms: number): string => (ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${(ms / 60_000).toFixed(1)} min`);

function section(root: string, record: BenchRecord, now: Provenance): string {
  const stale = isCurrent(root, record.provenance, now) ? [] : ['**Not measured at the current commit.**', ''];
  const load = record.machine.loadAverage ? `, load average ${record.machine.loadAverage.map((l) => l.toFixed(1)).join(' / ')}` : '';
  const footer = `_measured ${record.startedAt} ${describeProvenance(record.provenance)}, ${record.scale} scale, took ${minutes(record.durationMs ?? 0)}; ${record.machine.cpus} CPUs${load}_`;
  const [heading, , ...body] = formatReport(record.name, record).split('\n');
  return [heading, '', ...stale, ...body, footer, ''].join('\n');
}

/** SUMMARY.md: every known benchmark, its record if there is one, each marked when it is not from `now`. */
export function buildSummary(root: string, names: string[], records: Map<string, BenchRecord>, now: Provenance, scale: BenchScale): string {
  const total = [...records.values()].reduce((sum, r) => sum + (r.durationMs ?? 0), 0);
  const header = [
    scale === 'small' ? '# Benchmark results — SMALL-SCALE SMOKE RUN (not measurements)' : '# Benchmark results',
    '',
    `Current commit: ${describeProvenance(now).replace(/^at /, '')}. A section measured at another commit, or on a tree with`,
    'uncommitted changes, is marked **Not measured at the current commit**.',
    `Time the listed runs took together: ${minutes(total)}.`,
    '',
  ];
  const sections = names.map((name) => {
    const record = records.get(name);
    return record ? section(root, record, now) : `## ${name}\n\n**Not measured**: no result file for this benchmark.\n`;
  });
  return [...header, ...sections].join('\n');
}
