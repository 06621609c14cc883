import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { burstAwareFloorMs, pacingRatio } from '../../bench/pacing';
import { currentProvenance, isCurrent, type Provenance } from '../../bench/provenance';
import { buildSummary, type BenchRecord } from '../../bench/summary';

describe('pacing against the burst-aware floor', () => {
  it('is (⌈N/L⌉ − 1)·W: the first window’s burst costs nothing', () => {
    expect(burstAwareFloorMs(200, 200, 60_000)).toBe(0);
    expect(burstAwareFloorMs(201, 200, 60_000)).toBe(60_000);
    expect(burstAwareFloorMs(512, 200, 12_000)).toBe(24_000);
    expect(pacingRatio(29_704, 512, 200, 12_000)).toBeCloseTo(1.238, 3);
    expect(pacingRatio(500, 150, 200, 12_000)).toBeNull();
  });
});

const at = (commit: string, clean: boolean): Provenance => ({ commit, clean, changed: clean ? [] : ['electron/core/x.ts'] });

function record(name: string, provenance: Provenance | undefined): BenchRecord {
  return {
    name,
    scale: 'full',
    startedAt: '2026-12-06T09:00:00.000Z',
    durationMs: 90_000,
    ...(provenance ? { provenance } : {}),
    machine: { cpus: 2, node: 'v24.21.0' },
    metrics: [{ name: 'requests', value: 25, unit: 'requests' }],
  };
}

describe('SUMMARY.md provenance', () => {
  it('marks every section not measured on a clean tree at the current commit, and names missing ones', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'clinicsync-summary-')); // not a git checkout: other commits cannot be compared
    const now = at('a'.repeat(40), true);
    const records = new Map([
      ['current', record('current', now)],
      ['dirty', record('dirty', at('a'.repeat(40), false))],
      ['older', record('older', at('b'.repeat(40), true))],
      ['legacy', record('legacy', undefined)],
    ]);
    const summary = buildSummary(root, ['current', 'dirty', 'older', 'legacy', 'never'], records, now, 'full');
    const section = (name: string) => summary.split('\n## ').find((s) => s.startsWith(`${name}\n`)) ?? '';
    expect(section('current')).not.toContain('Not measured at the current commit');
    expect(section('current')).toContain(`at ${'a'.repeat(10)} (clean tree)`);
    expect(section('dirty')).toContain('**Not measured at the current commit.**');
    expect(section('dirty')).toContain('uncommitted changes (electron/core/x.ts)');
    expect(section('older')).toContain('**Not measured at the current commit.**');
    expect(section('legacy')).toContain('at an unknown commit');
    expect(section('legacy')).toContain('**Not measured at the current commit.**');
    expect(section('never')).toContain('**Not measured**: no result file');
    expect(summary).toContain('Time the listed runs took together: 6.0 min.');
  });
});

describe('measured at the current commit', () => {
  it('holds across a commit that only adds results, not across one that changes code', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'clinicsync-provenance-'));
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.test', ...args], { cwd: root, encoding: 'utf8' });
    git('init', '-q');
    writeFileSync(path.join(root, 'engine.ts'), 'export const a = 1;\n');
    git('add', '-A');
    git('commit', '-qm', 'code');
    const measured = currentProvenance(root);
    mkdirSync(path.join(root, 'bench-results'));
    writeFileSync(path.join(root, 'bench-results', 'sync.json'), '{}');
    git('add', '-A');
    git('commit', '-qm', 'results');
    expect(isCurrent(root, measured, currentProvenance(root))).toBe(true);
    writeFileSync(path.join(root, 'engine.ts'), 'export const a = 2;\n');
    expect(currentProvenance(root)).toMatchObject({ clean: false, changed: ['engine.ts'] });
    git('commit', '-qam', 'faster');
    expect(isCurrent(root, measured, currentProvenance(root))).toBe(false);
  });
});
