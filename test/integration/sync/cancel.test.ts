import { afterEach, describe, expect, it } from 'vitest';
import { cachedAppointments, cachedPatients, expectConverged, syncWindow } from './support/cache-view';
import { closeEnvs, createEnv, runSync, watchingFetch } from './support/harness';
import { closeUpstreams, startUpstream } from './support/upstream';

afterEach(async () => {
  closeEnvs();
  await closeUpstreams();
});

describe.each(['cliniko', 'intakeq'] as const)('%s: cancelling a sync', (kind) => {
  it('stops between pages, keeps whole pages only, ends as cancelled, and the next sync converges', async () => {
    // 250 patients take three pages; the sync is cancelled as the second one is asked for.
    const upstream = await startUpstream(kind, { patients: 250, latencyMs: { min: 5, max: 5 } });
    const env = createEnv(upstream);
    const controller = new AbortController();
    let patientPages = 0;
    const fetch = watchingFetch((url) => {
      if (/\/(patients|clients)$/.test(url.pathname) && ++patientPages === 2) controller.abort();
    });

    const run = await runSync(env, { mode: 'full', signal: controller.signal, connector: { fetch } });
    expect(run.status).toBe('cancelled');
    expect(run.finishedAt).not.toBeNull();
    expect(run.errors).toEqual([]);
    expect(env.events.internalErrors).toEqual([]);
    expect(env.events.activity.at(-1)?.message).toMatch(/^Sync of .+ cancelled; what was fetched before that is kept\./);

    // Exactly the first page is kept, each patient whole; no cursor claims more than that.
    const truth = await upstream.truth();
    const patients = [...cachedPatients(env.cache, env.source.id).values()];
    expect(patients).toHaveLength(100);
    for (const { id: _id, lastSyncedAt: _at, ...patient } of patients) expect(patient).toEqual(truth.patients.get(patient.externalId));
    expect(env.cache.cursors.get(env.source.id, 'patients')).toBeNull();
    expect(run.cursorAfter).toBeNull();
    expect(cachedAppointments(env.cache, env.source.id).size).toBe(0);
    expect(env.cache.locks.holder(env.source.id)).toBeNull();

    const next = await runSync(env);
    expect(next.status).toBe('completed');
    expectConverged(env.cache, env.source.id, await upstream.truth(), syncWindow(next.startedAt));
  });
});
