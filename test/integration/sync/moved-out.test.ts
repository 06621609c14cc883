import { afterEach, describe, expect, it } from 'vitest';
import { cachedAppointments, changesOfRun, syncWindow } from './support/cache-view';
import { closeEnvs, createEnv, runSync } from './support/harness';
import { closeUpstreams, startUpstream } from './support/upstream';

afterEach(async () => {
  closeEnvs();
  await closeUpstreams();
});

const DAY_MS = 86_400_000;

describe.each(['cliniko', 'intakeq'] as const)('%s: an appointment moved a few weeks beyond the synced window', (kind) => {
  it.each(['incremental', 'full'] as const)(
    'is rescheduled in the cache by an %s sync, not removed nor left at its old time',
    async (mode) => {
      const upstream = await startUpstream(kind);
      const env = createEnv(upstream);
      const first = await runSync(env, { mode: 'full' });
      const window = syncWindow(first.startedAt);
      const truth = await upstream.truth();
      const late = [...truth.appointments.values()].find(
        (a) =>
          !a.deleted &&
          a.status !== 'cancelled' &&
          a.startsAt > new Date(upstream.now().getTime() + 75 * DAY_MS).toISOString() &&
          a.startsAt < window.to,
      )!;
      // Three weeks later: beyond the window's end.
      const movedTo = new Date(Date.parse(late.startsAt) + 21 * DAY_MS).toISOString();
      upstream.reschedule(late.externalId, movedTo);

      const run = await runSync(env, { mode });
      expect(run.status).toBe('completed');
      const cached = cachedAppointments(env.cache, env.source.id).get(late.externalId)!;
      expect(cached).toMatchObject({ startsAt: movedTo, deleted: false });
      expect(changesOfRun(env.cache, env.source.id, run.id)).toEqual([[late.externalId, 'rescheduled']]);
    },
  );
});

describe('cliniko: an appointment moved months beyond the synced window', () => {
  it('is found through the count, looked up by id and rescheduled, not removed', async () => {
    const upstream = await startUpstream('cliniko');
    const env = createEnv(upstream);
    const first = await runSync(env, { mode: 'full' });
    const window = syncWindow(first.startedAt);
    const late = [...(await upstream.truth()).appointments.values()].find(
      (a) =>
        !a.deleted &&
        a.status !== 'cancelled' &&
        a.startsAt > new Date(upstream.now().getTime() + 30 * DAY_MS).toISOString() &&
        a.startsAt < window.to,
    )!;
    const movedTo = new Date(Date.parse(late.startsAt) + 150 * DAY_MS).toISOString();
    upstream.reschedule(late.externalId, movedTo);

    const run = await runSync(env);
    expect(run.status).toBe('completed');
    expect(cachedAppointments(env.cache, env.source.id).get(late.externalId)).toMatchObject({ startsAt: movedTo, deleted: false });
    expect(changesOfRun(env.cache, env.source.id, run.id)).toEqual([[late.externalId, 'rescheduled']]);
    expect(
      env.events.activity.some((a) =>
        /^Cliniko lists [\d,]+ upcoming appointments, the cache \d+: checking every one of them\.$/.test(a.message),
      ),
    ).toBe(true);
  });
});
