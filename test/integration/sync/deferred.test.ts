import { afterEach, describe, expect, it } from 'vitest';
import type { SyncRun } from '../../../electron/core/domain';
import { expectConverged, syncWindow } from './support/cache-view';
import { closeEnvs, createEnv, runSync } from './support/harness';
import { closeUpstreams, startUpstream, TIME_SCALE } from './support/upstream';
import { TestClock } from '../../support/test-clock';

afterEach(async () => {
  closeEnvs();
  await closeUpstreams();
});

const PER_DAY = 14;
/** The budget's day under the emulator's time scale (144 s), counted from the epoch like the connector's. */
const BUDGET_DAY_MS = 86_400_000 / TIME_SCALE.intakeq;
/**
 * One second into a budget day (they start every 144 s from the epoch, so on the hour too): no run can
 * cross into the next day by chance, however slow the machine, and four days later the sync window's
 * edges are still between the same quarter-hour appointment slots.
 */
const START_OF_A_BUDGET_DAY = Date.parse('2026-03-10T02:04:48Z') + 1000;

describe("IntakeQ's daily request budget", () => {
  it('defers the run with the time it continues, keeps what it fetched, and a later run completes', async () => {
    // The practice's, the engine's and the connector's clock, moved to "the next day" of the (compressed)
    // budget each time a run defers.
    const clock = new TestClock(START_OF_A_BUDGET_DAY);
    // 400 clients take four pages: a full sync needs more than a day's budget.
    const upstream = await startUpstream('intakeq', { patients: 400, now: clock.now });
    const env = createEnv(upstream);
    const connector = { rateLimits: { perDay: PER_DAY } };

    const first = await runSync(env, { mode: 'full', connector });
    expect(first.status).toBe('deferred');
    expect(first.apiRequests).toBe(PER_DAY);
    expect(upstream.stats().requests).toBe(PER_DAY);
    expect(first.errors.map((e) => e.kind)).toEqual(['budget_exhausted']);
    expect(first.resumeAt).toBe(new Date(START_OF_A_BUDGET_DAY - 1000 + BUDGET_DAY_MS).toISOString());
    expect(env.events.activity.at(-1)).toMatchObject({
      level: 'warn',
      message: `Sync of IntakeQ paused: IntakeQ's daily limit of ${PER_DAY} requests is used up; syncing continues after 02:07 UTC.`,
    });
    expect(env.cache.locks.holder(env.source.id)).toBeNull();
    // Every patient was fetched before the budget ran out: kept, with the cursor that covers them.
    expect(env.cache.cursors.get(env.source.id, 'patients')).not.toBeNull();

    // Each following day continues from the cursors (never the whole patient list again) until done.
    let last: SyncRun = first;
    for (let day = 1; day <= 3 && last.status === 'deferred'; day++) {
      clock.advance(Date.parse(last.resumeAt ?? '') - clock.ms() + 1000);
      last = await runSync(env, { trigger: 'retry', connector });
      expect(last.cursorBefore).toHaveProperty('patients');
      expect(last.apiRequests).toBeLessThanOrEqual(PER_DAY);
    }
    expect(last.status).toBe('completed');
    expect(last.resumeAt).toBeNull();
    expectConverged(env.cache, env.source.id, await upstream.truth(), syncWindow(last.startedAt));
  });
});
