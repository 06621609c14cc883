import { describe, expect, it } from 'vitest';
import type { BudgetPlan } from '../../../electron/core/domain';
import { runWindows } from '../../../electron/core/sync/windows';

const startedAt = new Date('2026-03-12T18:00:00.000Z');
const settings = { daysBack: 90, daysForward: 90 };
const storeWith = (cursor: string | null) => ({ cursors: { get: () => cursor, set: () => undefined, clear: () => undefined } });
const nearPlan = { reach: 'near', near: { from: '2026-03-12T04:00:00.000Z', patients: true, deletions: true } } as BudgetPlan;

describe('the windows a run syncs', () => {
  it('are the usual two around the run start without a near plan', () => {
    const windows = runWindows({ startedAt, settings, scope: {}, store: storeWith(null), source: 's' });
    expect(windows.appointments_forward).toEqual({
      phase: 'appointments_forward',
      from: '2026-03-12T18:00:00.000Z',
      to: '2026-06-10T18:00:00.000Z',
    });
    expect(windows.appointments_back.to).toBe('2026-03-12T18:00:00.000Z');
  });

  it('for a near run, start the upcoming window at the start of today and keep its end where the nightly sync left it', () => {
    const cursor = JSON.stringify({ updatedSince: '2026-03-12T06:55:00.000Z', windowEnd: '2026-06-10T07:00:00.000Z' });
    const windows = runWindows({ startedAt, settings, scope: { plan: nearPlan }, store: storeWith(cursor), source: 's' });
    // No days newly reach the window, so none is pulled whole (a few pages each with whole-day filters).
    expect(windows.appointments_forward).toEqual({
      phase: 'appointments_forward',
      from: '2026-03-12T04:00:00.000Z',
      to: '2026-06-10T07:00:00.000Z',
    });
  });

  it('for a near run without a stored window, reach as far as a full run would', () => {
    const windows = runWindows({ startedAt, settings, scope: { plan: nearPlan }, store: storeWith('not json'), source: 's' });
    expect(windows.appointments_forward.to).toBe('2026-06-10T18:00:00.000Z');
  });
});
