import { describe, expect, it } from 'vitest';
import {
  changesLine,
  chartPoints,
  formatRate,
  isSlowRun,
  recordsOf,
  showFailureBanner,
  type HistoryRunLike,
} from '../../../renderer/src/components/history/health';
import type { CountsLike } from '../../../renderer/src/components/sync/format';

const counts = (patch: Partial<CountsLike> = {}): CountsLike => ({
  patientsTotal: 100,
  patientsFound: 100,
  patientsNew: 0,
  patientsUpdated: 0,
  patientsUnchanged: 100,
  patientsFailed: 0,
  appointmentsNew: 2,
  appointmentsUpdated: 3,
  appointmentsUnchanged: 45,
  appointmentsRemoved: 0,
  appointmentsFailed: 0,
  errors: 0,
  ...patch,
});

const run = (id: number, startedAt: string, durationMs: number | null): HistoryRunLike => ({
  id,
  source: 's',
  trigger: 'manual',
  status: 'completed',
  startedAt,
  durationMs,
  counts: counts(),
  apiRequests: 10,
  scope: { mode: 'incremental' },
});

describe('slow runs', () => {
  const ok = 'completed' as const;

  it('flags a successful run that took more than twice the average', () => {
    expect(isSlowRun({ durationMs: 21_000, status: ok }, 10_000)).toBe(true);
    expect(isSlowRun({ durationMs: 21_000, status: 'partial_success' }, 10_000)).toBe(true);
    expect(isSlowRun({ durationMs: 20_000, status: ok }, 10_000)).toBe(false);
    expect(isSlowRun({ durationMs: 15_000, status: ok }, 10_000)).toBe(false);
  });

  it('never calls an unfinished, cancelled or failed run, a run without an average, or a very short run slow', () => {
    expect(isSlowRun({ durationMs: null, status: ok }, 10_000)).toBe(false);
    expect(isSlowRun({ durationMs: 50_000, status: 'cancelled' }, 10_000)).toBe(false);
    expect(isSlowRun({ durationMs: 50_000, status: 'failed' }, 10_000)).toBe(false);
    expect(isSlowRun({ durationMs: 50_000, status: ok }, null)).toBe(false);
    expect(isSlowRun({ durationMs: 3_000, status: ok }, 1_000)).toBe(false);
  });
});

describe('health summary', () => {
  it('raises the failure banner only above two failures in 24 hours', () => {
    expect(showFailureBanner({ failuresLast24h: 2 })).toBe(false);
    expect(showFailureBanner({ failuresLast24h: 3 })).toBe(true);
  });

  it('formats the success rate', () => {
    expect(formatRate(null)).toBe('—');
    expect(formatRate(1)).toBe('100%');
    expect(formatRate(0.9234)).toBe('92%');
    expect(formatRate(0.996)).toBe('99.6%');
  });

  it('counts records and changes', () => {
    expect(recordsOf(counts())).toBe(150);
    expect(changesLine(counts())).toBe('2 new · 3 updated');
    expect(changesLine(counts({ appointmentsNew: 0, appointmentsUpdated: 0 }))).toBe('No changes');
  });
});

describe('chart points', () => {
  it('draws finished runs oldest first, in seconds', () => {
    const points = chartPoints(
      [run(3, '2026-12-02T00:00:00Z', 12_340), run(2, '2026-12-01T00:00:00Z', null), run(1, '2026-11-30T00:00:00Z', 800)],
      (iso) => iso.slice(0, 10),
    );
    expect(points.map((p) => [p.id, p.label, p.durationS, p.records])).toEqual([
      [1, '2026-11-30', 0.8, 150],
      [3, '2026-12-02', 12.3, 150],
    ]);
  });
});
