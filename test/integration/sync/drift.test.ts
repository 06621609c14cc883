import { afterEach, describe, expect, it } from 'vitest';
import { cachedAppointments, cachedPatients, expectConverged, syncWindow } from './support/cache-view';
import { closeEnvs, createEnv, runSync } from './support/harness';
import { closeUpstreams, startUpstream } from './support/upstream';

afterEach(async () => {
  closeEnvs();
  await closeUpstreams();
});

describe.each(['cliniko', 'intakeq'] as const)('%s: records changing while a sync reads them', (kind) => {
  it('loses nothing, and what changed mid-run is brought home by the next sync', async () => {
    // Before every list request, three random records change upstream.
    const upstream = await startUpstream(kind, { patients: 250, seed: 8, faults: { mutateBetweenPages: 3 } });
    const env = createEnv(upstream);
    const full = await runSync(env, { mode: 'full' });
    expect(full).toMatchObject({ status: 'completed', errors: [] });

    // Every record is there; those that differ are exactly ones changed after the run began.
    const truth = await upstream.truth();
    const window = syncWindow(full.startedAt);
    const patients = cachedPatients(env.cache, env.source.id);
    expect([...patients.keys()].sort()).toEqual([...truth.patients.keys()].sort());
    const stale = [...patients.values()].filter((p) => p.remoteUpdatedAt !== truth.patients.get(p.externalId)?.remoteUpdatedAt);
    expect(stale.length).toBeGreaterThan(0);
    for (const p of stale) expect(truth.patients.get(p.externalId)!.remoteUpdatedAt! >= full.startedAt.slice(0, 19)).toBe(true);
    const inWindow = [...truth.appointments.values()].filter((a) => a.startsAt >= window.from && a.startsAt < window.to);
    expect([...cachedAppointments(env.cache, env.source.id).keys()].sort()).toEqual(inWindow.map((a) => a.externalId).sort());

    // An incremental sync under the same drift, then a quiet one: exactly the upstream.
    expect((await runSync(env)).status).toBe('completed');
    upstream.setFaults({});
    const quiet = await runSync(env);
    expect(quiet.status).toBe('completed');
    expectConverged(env.cache, env.source.id, await upstream.truth(), syncWindow(quiet.startedAt));
    expect(quiet.counts.patientsUpdated).toBeGreaterThan(0);
  });
});
