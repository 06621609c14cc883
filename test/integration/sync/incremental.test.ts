import { afterEach, describe, expect, it } from 'vitest';
import { cachedPatients, changesOfRun, expectConverged, syncWindow } from './support/cache-view';
import { closeEnvs, createEnv, runSync } from './support/harness';
import { applyDayOfChanges } from './support/scenario';
import { closeUpstreams, startUpstream } from './support/upstream';

afterEach(async () => {
  closeEnvs();
  await closeUpstreams();
});

describe.each(['cliniko', 'intakeq'] as const)('%s: incremental sync after a day of changes', (kind) => {
  it('converges exactly and writes one change row per meaningful change', async () => {
    const upstream = await startUpstream(kind);
    const env = createEnv(upstream);
    const first = await runSync(env, { mode: 'full' });
    const day = applyDayOfChanges(upstream, await upstream.truth(), syncWindow(first.startedAt));

    const run = await runSync(env);
    expect(env.events.internalErrors).toEqual([]);
    expect(run.status).toBe('completed');
    expect(run.errors).toEqual([]);
    expectConverged(env.cache, env.source.id, await upstream.truth(), syncWindow(run.startedAt));
    expect(changesOfRun(env.cache, env.source.id, run.id)).toEqual(day.expectedChanges);

    const patients = cachedPatients(env.cache, env.source.id);
    expect(patients.get(day.editedPatient)).toMatchObject({ lastName: 'Okonkwo-Reyes', email: 'moved.house@example.test', deleted: false });
    expect(patients.get(day.archivedPatient)).toMatchObject({ archived: true, deleted: false });
    expect(patients.get(day.deletedPatient)).toMatchObject({ deleted: true });
    expect(patients.get(day.newPatient)).toMatchObject({ firstName: 'Tamsin', lastName: 'Achterberg', deleted: false });
    const removed = day.expectedChanges.filter(([, kind]) => kind === 'removed').length;
    expect(run.counts).toMatchObject({
      patientsNew: 1,
      patientsRemoved: 1,
      appointmentsNew: 1,
      appointmentsCancelled: 1,
      appointmentsRemoved: removed,
    });
  });
});
