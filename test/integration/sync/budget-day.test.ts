/**
 * A simulated clinic day on IntakeQ through the real schedule, planner, engine and cache, against the
 * emulator over loopback: hourly syncs from 07:00 to 19:00 and the nightly sync fit the daily budget,
 * and a change to an appointment in the next 7 days is in the cache after the next interval sync.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ActivityEvent, SyncRun } from '../../../electron/core/domain';
import { SimulatedPractice } from '../../support/simulated-day';

let practice: SimulatedPractice | null = null;
afterEach(async () => {
  await practice?.close();
  practice = null;
});

/** Monday 9 March 2026, 22:00 in New York: the practice is built, and loaded, the evening before. */
const ANCHOR = '2026-03-10T02:00:00Z';

const reachOf = (run: SyncRun) => run.scope.plan?.reach ?? 'unplanned';
const activityOf = (p: SimulatedPractice, run: SyncRun): ActivityEvent[] => p.service.service.history.run(run.id).activity;

describe('a simulated day of scheduled IntakeQ syncs', () => {
  it('runs the nightly sync in full and the interval syncs on the near window, within 60 % of the budget, each change seen within the hour', async () => {
    practice = await SimulatedPractice.start({ patients: 300 }, ANCHOR);
    await practice.loadEverything();
    await practice.runDay('2026-03-10');
    const day = await practice.runDay('2026-03-11');

    expect(day.runs.map((run) => [run.trigger, reachOf(run), run.status])).toEqual([
      ['scheduled', 'full', 'completed'],
      ...Array.from({ length: 13 }, () => ['scheduled', 'near', 'completed']),
    ]);
    const [nightly, ...interval] = day.runs as [SyncRun, ...SyncRun[]];
    expect(nightly.scope.phases).toContain('appointments_back');
    for (const run of interval) {
      expect(run.scope.phases).toEqual(['patients', 'appointments_forward', 'reconcile']);
      expect(run.scope.plan?.skipped.filter((skip) => skip.cause === 'budget')).toEqual([]);
      expect(run.scope.plan?.near?.from).toBe('2026-03-11T04:00:00.000Z');
    }
    expect(day.requests).toBeLessThanOrEqual(300);
    expect(day.runs.reduce((sum, run) => sum + run.apiRequests, 0)).toBe(day.requests);

    // Every tracer change (moved, cancelled, booked in the next 7 days) was in the cache after the next sync.
    expect(day.tracers).toHaveLength(12);
    expect(day.tracers.filter((tracer) => tracer.seenAfterRun === null)).toEqual([]);

    // The run says what it left to the nightly sync, in the activity log too.
    const lines = activityOf(practice, interval[3] as SyncRun).map((event) => event.message);
    expect(lines.some((line) => /^Interval sync within IntakeQ's daily budget: \d+ of 500 requests used today: upcoming appointments changed since the last sync, from 11 Mar 2026, 04:00 UTC, about \d+ requests\. Left to the nightly sync: past appointments, appointment details, practitioners, days newly reaching the upcoming window\.$/.test(line))).toBe(true);
  }, 120_000);

  it('with a budget too small for every hour, skips what does not fit and says what and why, never running out', async () => {
    practice = await SimulatedPractice.start({ patients: 300, perDay: 40 }, ANCHOR);
    await practice.loadEverything();
    await practice.runDay('2026-03-10');
    const day = await practice.runDay('2026-03-11');

    expect(day.runs.every((run) => run.status === 'completed')).toBe(true);
    // Scheduled syncs keep to 60 % of 40, give or take one sync's misjudged estimate.
    expect(day.requests).toBeLessThanOrEqual(40);
    const skipped = day.runs.flatMap((run) => (run.scope.plan?.skipped ?? []).filter((skip) => skip.cause === 'budget').map((skip) => [run.id, skip.what]));
    expect(skipped.length).toBeGreaterThan(0);
    const skippedRun = day.runs.find((run) => run.scope.plan?.reach === 'none');
    if (skippedRun) {
      expect(skippedRun.apiRequests).toBe(0);
      expect(activityOf(practice, skippedRun).map((event) => [event.level, event.message])).toContainEqual([
        'warn',
        expect.stringMatching(/^Skipped this interval sync: upcoming appointments need about \d+ requests, but this sync's share of the daily budget is \d+ \(\d+ of 40 used today; .*scheduled syncs keep to 24\)\.$/),
      ]);
    }
  }, 120_000);
});
