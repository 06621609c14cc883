import { afterEach, describe, expect, it } from 'vitest';
import { credentialKeyFor } from '../../../electron/core/connectors/http/request-gate';
import { BUDGET_RESERVE } from '../../../electron/core/sync/budget-room';
import { cachedAppointments, syncWindow } from './support/cache-view';
import { closeEnvs, createEnv, runSync } from './support/harness';
import { closeUpstreams, startUpstream, TIME_SCALE } from './support/upstream';

afterEach(async () => {
  closeEnvs();
  await closeUpstreams();
});

const DAY_MS = 86_400_000;
/** IntakeQ's budget day, compressed like the emulator's clock. */
const BUDGET_DAY_MS = DAY_MS / TIME_SCALE.intakeq;
const PER_DAY = 500;

describe('IntakeQ: looking up moved appointments by id, within the daily budget', () => {
  it('spends no look-up the budget cannot spare, keeps the appointments live, and looks them up once it can', async () => {
    const upstream = await startUpstream('intakeq');
    const env = createEnv(upstream);
    // The connector's clock starts a second into a fresh budget day, so no day ends mid-test; it moves a day on below.
    let offsetMs = (Math.floor(Date.now() / BUDGET_DAY_MS) + 1) * BUDGET_DAY_MS + 1000 - Date.now();
    const connector = { now: () => new Date(Date.now() + offsetMs) };
    const budgetDayStart = () => new Date(Math.floor((Date.now() + offsetMs) / BUDGET_DAY_MS) * BUDGET_DAY_MS).toISOString();
    const credentialKey = credentialKeyFor('intakeq', upstream.apiKey);

    const first = await runSync(env, { mode: 'full', connector });
    const window = syncWindow(first.startedAt);
    const open = [...(await upstream.truth()).appointments.values()].filter(
      (a) => !a.deleted && a.status !== 'cancelled' && a.startsAt >= window.from && a.startsAt < window.to,
    );
    const [early, late] = [open[open.length - 1]!, open[0]!].map((a) => a.externalId);
    const before = cachedAppointments(env.cache, env.source.id);
    upstream.reschedule(early!, new Date(Math.floor((Date.parse(window.from) - 3 * DAY_MS) / 3_600_000) * 3_600_000).toISOString());
    upstream.reschedule(late!, new Date(Math.floor((Date.parse(window.to) + 60 * DAY_MS) / 3_600_000) * 3_600_000).toISOString());

    // Other work has spent the day's budget down to its reserve.
    const spentElsewhere = PER_DAY - BUDGET_RESERVE;
    env.cache.budgets.put({ credentialKey, budget: 'day', windowStart: budgetDayStart(), used: spentElsewhere });
    const lean = await runSync(env, { mode: 'full', connector });
    expect(lean.status).toBe('completed');
    expect(lean.counts).toMatchObject({ appointmentsLookedUp: 0, appointmentsRemoved: 0 });
    // Not asked for, so neither moved nor taken for removed: still where they were, live.
    const held = cachedAppointments(env.cache, env.source.id);
    for (const id of [early!, late!]) expect(held.get(id)).toMatchObject({ startsAt: before.get(id)!.startsAt, deleted: false });
    expect(env.events.activity.filter((a) => a.runId === lean.id).map((a) => a.message)).toContainEqual(
      "2 appointments no longer listed where they were will be looked up on the next sync: this one could not afford more look-ups within IntakeQ's daily budget.",
    );
    // Every request the run made is counted against the day, and none went past the reserve for look-ups.
    expect(env.cache.budgets.get(credentialKey, 'day')?.used).toBe(spentElsewhere + lean.apiRequests);

    // The next budget day: the waiting ones are looked up (one request each) and stored where they now are.
    offsetMs += BUDGET_DAY_MS;
    const next = await runSync(env, { mode: 'full', connector });
    expect(next.status).toBe('completed');
    expect(next.counts).toMatchObject({ appointmentsLookedUp: 2, appointmentsRemoved: 0 });
    expect(env.cache.runs.get(next.id)?.counts.appointmentsLookedUp).toBe(2);
    const resolved = cachedAppointments(env.cache, env.source.id);
    for (const id of [early!, late!]) expect(resolved.get(id)?.startsAt).toBe((await upstream.truth()).appointments.get(id)!.startsAt);
    expect(env.cache.cursors.get(env.source.id, 'appointments:unlisted')).toBe('[]');
    expect(env.cache.budgets.get(credentialKey, 'day')?.used).toBe(next.apiRequests);
  });
});
