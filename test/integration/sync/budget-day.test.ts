/**
 * A simulated clinic day on IntakeQ through the real schedule, planner, engine and cache, against the
 * emulator over loopback: hourly syncs from 07:00 to 19:00 and the nightly sync fit the daily budget,
 * and a change to an appointment in the next 7 days is in the cache after the next interval sync.
 * (The 20,000-patient day is the budget-day benchmark.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ActivityEvent, SyncRun } from '../../../electron/core/domain';
import { clinicClock } from '../../../electron/cli/clinic-time';
import { runSummary } from '../../../electron/cli/commands/sync';
import { SimulatedPractice } from '../../support/simulated-day';

let practice: SimulatedPractice | null = null;
afterEach(async () => {
  await practice?.close();
  practice = null;
});

/** Monday 9 March 2026, 22:00 in New York: the practice is built, and loaded, the evening before. */
const ANCHOR = '2026-03-10T02:00:00Z';
/** Tuesday: the first day is spent partly on the first load; Wednesday is an ordinary day. */
const FIRST_DAY = '2026-03-10';
const ORDINARY_DAY = '2026-03-11';

const reachOf = (run: SyncRun) => run.scope.plan?.reach ?? 'unplanned';
const messages = (p: SimulatedPractice, run: SyncRun): Array<[string, string]> =>
  p.service.service.history.run(run.id).activity.map((event: ActivityEvent) => [event.level, event.message]);

describe('a simulated day of scheduled IntakeQ syncs', () => {
  it('runs the nightly sync in full and the interval syncs on the near window, within 60 % of the budget, each change seen within the hour', async () => {
    practice = await SimulatedPractice.start({ patients: 300 }, ANCHOR);
    await practice.loadEverything();
    await practice.runDay(FIRST_DAY);
    const day = await practice.runDay(ORDINARY_DAY);

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
    expect(day.tracers.filter((tracer) => !tracer.seen).map((tracer) => [tracer.kind, tracer.at])).toEqual([]);

    // The run says what it left to the nightly sync, in the activity log too.
    expect(messages(practice, interval[3] as SyncRun)).toContainEqual([
      'info',
      expect.stringMatching(
        /^Interval sync \(IntakeQ's daily budget: \d+ of 500 requests used today\): upcoming appointments changed since the last sync, from 11 Mar 2026, 00:00, about \d+ requests?\. Left to the nightly sync: past appointments, appointment details, practitioners, days newly reaching the upcoming window\.$/,
      ),
    ]);
  }, 120_000);

  it('with a budget too small for every hour, skips what does not fit, spread over the day, and says what and why', async () => {
    practice = await SimulatedPractice.start({ patients: 300, perDay: 40 }, ANCHOR);
    await practice.loadEverything();
    await practice.runDay(FIRST_DAY);
    const day = await practice.runDay(ORDINARY_DAY);

    // Nothing ran out: scheduled syncs kept to their 24 of 40 (an estimate may be off by a request or two).
    expect(day.runs.every((run) => run.status === 'completed')).toBe(true);
    expect(day.requests).toBeLessThanOrEqual(26);
    const interval = day.runs.slice(1);
    const skipped = interval.filter((run) => reachOf(run) === 'none');
    const ran = interval.filter((run) => reachOf(run) === 'near');
    expect(skipped.length).toBeGreaterThan(0);
    expect(ran.length).toBeGreaterThanOrEqual(3);
    const clock = clinicClock(practice.service.service);
    for (const run of skipped) {
      expect(run.apiRequests).toBe(0);
      // `clinicsync sync` and `clinicsync history` say so under the run.
      expect(runSummary(run, clock)).toMatch(
        /\n {2}Nothing fetched: this interval sync was skipped to keep within the daily budget · 0 requests\n {2}skipped to keep within the daily budget \(its share \d+ requests?, about \d+ needed\)$/,
      );
      expect(run.scope.phases).toEqual([]);
      expect(messages(practice, run)).toContainEqual([
        'warn',
        expect.stringMatching(
          /^Skipped this interval sync: upcoming appointments need about \d+ requests?, but this sync's share of the daily budget is \d+(, with what the \d+ skipped before it saved)? \(\d+ of 40 used today; \d+ more interval syncs? to come; scheduled syncs keep to 24\)\.$/,
        ),
      ]);
    }
    // Spread over the day, not crowded at its end: a sync ran before noon.
    expect(ran[0]?.startedAt.localeCompare('2026-03-11T16:00:00.000Z')).toBeLessThan(0);
    // Each change the next sync ran for is in the cache after it.
    // A near sync that left patients out does not claim to have synced none.
    const withoutPatients = ran.filter((r) => !r.scope.phases.includes('patients'));
    expect(withoutPatients.length).toBeGreaterThan(0);
    for (const run of withoutPatients) {
      expect(runSummary(run, clock)).not.toContain('Synced 0 patients');
    }
    const followed = day.tracers.filter((tracer) => tracer.nextRun && reachOf(tracer.nextRun) === 'near');
    expect(followed.length).toBeGreaterThan(0);
    expect(followed.filter((tracer) => !tracer.seen)).toEqual([]);
  }, 120_000);
});
