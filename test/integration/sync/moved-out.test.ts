import { afterEach, describe, expect, it } from 'vitest';
import { cachedAppointments, changesOfRun, syncWindow } from './support/cache-view';
import { closeEnvs, createEnv, runSync, type SyncEnv } from './support/harness';
import type { ExpectedAppointment } from './support/truth';
import { closeUpstreams, startUpstream, type Upstream } from './support/upstream';

afterEach(async () => {
  closeEnvs();
  await closeUpstreams();
});

const DAY_MS = 86_400_000;

/** Requests that asked for one appointment by id (IntakeQ's single GET), from the emulator's own count. */
const singleGets = (upstream: Upstream): number =>
  Object.entries(upstream.stats().byPath)
    .filter(([path]) => /\/appointments\/\{id\}$/.test(path))
    .reduce((sum, [, count]) => sum + count, 0);

/**
 * After a full sync, two cached appointments move out of the window: a past one to before its start
 * (as from 21 Sep to 4 Sep when the window starts 7 Sep), an upcoming one two months past its end.
 */
async function moveTwoOut(upstream: Upstream, env: SyncEnv): Promise<{ early: string; late: string; movedTo: Record<string, string> }> {
  const first = await runSync(env, { mode: 'full' });
  const window = syncWindow(first.startedAt);
  const now = Date.parse(first.startedAt);
  const open = (a: ExpectedAppointment) => !a.deleted && a.status !== 'cancelled' && a.startsAt >= window.from && a.startsAt < window.to;
  const appointments = [...(await upstream.truth()).appointments.values()].filter(open);
  const early = appointments.find((a) => Date.parse(a.startsAt) < Date.parse(window.from) + 20 * DAY_MS)!;
  const late = appointments.find((a) => Date.parse(a.startsAt) > now + 30 * DAY_MS)!;
  // On the hour, as bookings are (and as Cliniko keeps them, to the second).
  const onTheHour = (ms: number) => new Date(Math.floor(ms / 3_600_000) * 3_600_000).toISOString();
  const movedTo = {
    [early.externalId]: onTheHour(Date.parse(window.from) - 3 * DAY_MS),
    [late.externalId]: onTheHour(Date.parse(window.to) + 60 * DAY_MS),
  };
  for (const [id, startsAt] of Object.entries(movedTo)) upstream.reschedule(id, startsAt);
  return { early: early.externalId, late: late.externalId, movedTo };
}

describe.each(['cliniko', 'intakeq'] as const)('%s: appointments moved out of the synced window, both ways', (kind) => {
  it('are stored at their new times by an incremental sync, from its pull of changes', async () => {
    const upstream = await startUpstream(kind);
    const env = createEnv(upstream);
    const { early, late, movedTo } = await moveTwoOut(upstream, env);
    const lookupsBefore = singleGets(upstream);

    const run = await runSync(env);
    expect(run.status).toBe('completed');
    const cached = cachedAppointments(env.cache, env.source.id);
    for (const id of [early, late]) expect(cached.get(id)).toMatchObject({ startsAt: movedTo[id], deleted: false });
    expect(changesOfRun(env.cache, env.source.id, run.id)).toEqual(
      [
        [early, 'rescheduled'],
        [late, 'rescheduled'],
      ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
    );
    // The changes pull brought both: nothing needed looking up.
    expect(run.counts).toMatchObject({ appointmentsLookedUp: 0, appointmentsRemoved: 0 });
    expect(singleGets(upstream)).toBe(lookupsBefore);
  });

  it('are looked up by id by a full sync, which counts the look-ups in its run record', async () => {
    const upstream = await startUpstream(kind);
    const env = createEnv(upstream);
    const { early, late, movedTo } = await moveTwoOut(upstream, env);
    const lookupsBefore = singleGets(upstream);

    const run = await runSync(env, { mode: 'full' });
    expect(run.status).toBe('completed');
    const cached = cachedAppointments(env.cache, env.source.id);
    for (const id of [early, late]) expect(cached.get(id)).toMatchObject({ startsAt: movedTo[id], deleted: false });
    expect(changesOfRun(env.cache, env.source.id, run.id).filter(([, change]) => change !== 'new')).toEqual(
      [
        [early, 'rescheduled'],
        [late, 'rescheduled'],
      ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
    );
    expect(run.counts).toMatchObject({ appointmentsLookedUp: 2, appointmentsRemoved: 0 });
    expect(env.cache.runs.get(run.id)?.counts.appointmentsLookedUp).toBe(2);
    // IntakeQ: one request each; Cliniko: both ids in one listing request.
    expect(singleGets(upstream) - lookupsBefore).toBe(kind === 'intakeq' ? 2 : 0);
    expect(env.events.activity.map((a) => a.message)).toContainEqual(
      expect.stringMatching(/^Looked up 2 appointments by id that the lists no longer showed \(\d+ requests?\): 2 still there, 0 gone\.$/),
    );
  });
});
