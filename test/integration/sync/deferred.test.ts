import { afterEach, describe, expect, it } from 'vitest';
import type { SyncRun } from '../../../electron/core/domain';
import { expectConverged, syncWindow } from './support/cache-view';
import { closeEnvs, createEnv, runSync } from './support/harness';
import { closeUpstreams, startUpstream, TIME_SCALE } from './support/upstream';
import { TEST_ANCHOR, TestClock } from '../../support/test-clock';

afterEach(async () => {
  closeEnvs();
  await closeUpstreams();
});

const PER_DAY = 14;
/** The budget's day under the emulator's time scale (144 s), counted from the epoch like the connector's. */
const BUDGET_DAY_MS = 86_400_000 / TIME_SCALE.intakeq;
/** One second into a budget day: no run can cross into the next day by chance, however slow the machine. */
const START_OF_A_BUDGET_DAY = Math.ceil(Date.parse(TEST_ANCHOR) / BUDGET_DAY_MS) * BUDGET_DAY_MS + 1000;

describe("IntakeQ's daily request budget", () => {
  it('defers the run with the time it continues, keeps what it fetched, and a later run completes', async () => {
    // 400 clients take four pages: a full sync needs more than a day's budget.
    // The emulator's own minute windows run on the real clock, which the test cannot move a day on as it
    // moves the connector's: they are lifted here, and the connector's pacing and daily budget are tested.
    const upstream = await startUpstream('intakeq', { patients: 400, rateLimit: { perMinute: 10_000 } });
    const env = createEnv(upstream);
    // The connector's clock, moved to "the next day" of the (compressed) budget each time a run defers.
    const budgetClock = new TestClock(START_OF_A_BUDGET_DAY);
    const connector = { rateLimits: { perDay: PER_DAY }, now: budgetClock.now };

    const first = await runSync(env, { mode: 'full', connector });
    expect(first.status).toBe('deferred');
    expect(first.apiRequests).toBe(PER_DAY);
    expect(upstream.stats().requests).toBe(PER_DAY);
    expect(first.errors.map((e) => e.kind)).toEqual(['budget_exhausted']);
    expect(first.resumeAt).toBe(new Date(START_OF_A_BUDGET_DAY - 1000 + BUDGET_DAY_MS).toISOString());
    expect(env.events.activity.at(-1)).toMatchObject({
      level: 'warn',
      message: expect.stringMatching(
        new RegExp(
          `^Sync of IntakeQ paused: IntakeQ's daily limit of ${PER_DAY} requests is used up; syncing continues after \\d\\d:\\d\\d UTC\\.$`,
        ),
      ),
    });
    expect(env.cache.locks.holder(env.source.id)).toBeNull();
    // Every patient was fetched before the budget ran out: kept, with the cursor that covers them.
    expect(env.cache.cursors.get(env.source.id, 'patients')).not.toBeNull();

    // Each following day continues from the cursors (never the whole patient list again) until done.
    let last: SyncRun = first;
    for (let day = 1; day <= 3 && last.status === 'deferred'; day++) {
      budgetClock.advance(Date.parse(last.resumeAt ?? '') - budgetClock.ms() + 1000);
      last = await runSync(env, { trigger: 'retry', connector });
      expect(last.cursorBefore).toHaveProperty('patients');
      expect(last.apiRequests).toBeLessThanOrEqual(PER_DAY);
    }
    expect(last.status).toBe('completed');
    expect(last.resumeAt).toBeNull();
    expectConverged(env.cache, env.source.id, await upstream.truth(), syncWindow(last.startedAt));
  });
});
