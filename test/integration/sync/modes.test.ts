import { afterEach, describe, expect, it } from 'vitest';
import { cachedAppointments, cachedPatients, changesOfRun, expectConverged, syncWindow } from './support/cache-view';
import { closeEnvs, createEnv, runSync, type SyncEnv } from './support/harness';
import type { ExpectedAppointment } from './support/truth';
import { closeUpstreams, startUpstream, type Upstream } from './support/upstream';

afterEach(async () => {
  closeEnvs();
  await closeUpstreams();
});

const DAY_MS = 86_400_000;

/** After a full sync: a patient edited, an upcoming appointment moved, a past one marked a no-show, one deleted. */
async function setUp(
  kind: 'cliniko' | 'intakeq',
): Promise<{ upstream: Upstream; env: SyncEnv; edited: string; moved: string; missed: string; deleted: string }> {
  const upstream = await startUpstream(kind);
  const env = createEnv(upstream);
  const full = await runSync(env, { mode: 'full' });
  const truth = await upstream.truth();
  const window = syncWindow(full.startedAt);
  const now = upstream.now().getTime();
  const open = (a: ExpectedAppointment) =>
    a.startsAt >= window.from && a.startsAt < window.to && !a.deleted && a.status !== 'cancelled' && a.status !== 'no_show';
  const [moved, deleted] = [...truth.appointments.values()].filter((a) => open(a) && Date.parse(a.startsAt) > now + DAY_MS);
  const missed = [...truth.appointments.values()].find((a) => open(a) && Date.parse(a.startsAt) < now - DAY_MS && a.status !== 'declined');
  const edited = [...truth.patients.keys()][5]!;
  upstream.editPatient(edited, { lastName: 'Fairweather' });
  upstream.reschedule(moved!.externalId, new Date(Date.parse(moved!.startsAt) + DAY_MS).toISOString());
  upstream.markNoShow(missed!.externalId);
  upstream.deleteAppointment(deleted!.externalId);
  return { upstream, env, edited, moved: moved!.externalId, missed: missed!.externalId, deleted: deleted!.externalId };
}

const appointmentPaths = (upstream: Upstream) => Object.keys(upstream.stats().byPath).filter((path) => /appointment/.test(path));

describe.each(['cliniko', 'intakeq'] as const)('%s: single-operation syncs', (kind) => {
  it('patients only: brings patient changes and asks nothing about appointments', async () => {
    const { upstream, env, edited, moved } = await setUp(kind);
    const pathsBefore = { ...upstream.stats().byPath };
    const run = await runSync(env, { mode: 'patients_only' });
    expect(run.status).toBe('completed');
    expect(run.scope.phases).toEqual(['connect', 'patients']);
    expect(cachedPatients(env.cache, env.source.id).get(edited)?.lastName).toBe('Fairweather');
    expect(appointmentPaths(upstream).map((path) => upstream.stats().byPath[path])).toEqual(
      appointmentPaths(upstream).map((path) => pathsBefore[path]),
    );
    expect(changesOfRun(env.cache, env.source.id, run.id)).toEqual([]);
    expect(cachedAppointments(env.cache, env.source.id).get(moved)?.remoteUpdatedAt).not.toBe(
      (await upstream.truth()).appointments.get(moved)?.remoteUpdatedAt,
    );
  });

  it('upcoming only: brings upcoming appointments home, leaves patients and the past alone', async () => {
    const { env, edited, moved, missed, deleted } = await setUp(kind);
    const run = await runSync(env, { mode: 'upcoming_only' });
    expect(run.status).toBe('completed');
    const changes = changesOfRun(env.cache, env.source.id, run.id);
    expect(changes).toContainEqual([moved, 'rescheduled']);
    expect(changes).toContainEqual([deleted, 'removed']);
    expect(changes.map(([id]) => id)).not.toContain(missed);
    expect(cachedPatients(env.cache, env.source.id).get(edited)?.lastName).not.toBe('Fairweather');
  });

  it('reconcile only: finds what was removed upstream, pulling the windows whole', async () => {
    const { upstream, env, deleted } = await setUp(kind);
    const run = await runSync(env, { mode: 'reconcile_only' });
    expect(run.status).toBe('completed');
    expect(run.cursorBefore).toBeNull();
    expect(changesOfRun(env.cache, env.source.id, run.id)).toContainEqual([deleted, 'removed']);
    expect(cachedAppointments(env.cache, env.source.id).get(deleted)?.deleted).toBe(true);
    // Then an incremental sync catches up with the rest: exactly the upstream.
    const next = await runSync(env);
    expectConverged(env.cache, env.source.id, await upstream.truth(), syncWindow(next.startedAt));
  });
});
