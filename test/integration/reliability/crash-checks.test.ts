import { afterEach, describe, expect, it } from 'vitest';
import { checkCache } from '../../support/crash-checks';
import { closeEnvs, createEnv, runSync } from '../sync/support/harness';
import { closeUpstreams, startUpstream } from '../sync/support/upstream';

afterEach(async () => {
  closeEnvs();
  await closeUpstreams();
});

/** The crash harness's checks must be able to fail: each is shown a cache broken the way it guards against. */
describe('crash harness checks', () => {
  it('pass on a synced cache and name each kind of damage', async () => {
    const upstream = await startUpstream('cliniko');
    const env = createEnv(upstream);
    await runSync(env, { mode: 'full' });
    expect(checkCache(env.cache, await upstream.truth(), 1)).toEqual({
      integrity: null,
      converged: null,
      noDuplicateChanges: null,
      runsAccounted: null,
      noRunLeftRunning: null,
    });

    const db = env.cache.db;
    // A field upstream never had, a change recorded twice, a run too many and left running.
    db.prepare(`UPDATE patients SET email = 'stale@example.test' WHERE id = (SELECT min(id) FROM patients WHERE deleted = 0)`).run();
    // (The full sync was the source's first: it listed no change, so the twice-recorded one is made here.)
    const cancelled = db.prepare(
      `INSERT INTO appointment_changes (source, appointment_external_id, patient_external_id, kind, before, after, detected_at, run_id)
      SELECT (SELECT id FROM sources WHERE key = source_key), external_id, patient_external_id, 'cancelled', NULL, NULL, strftime('%Y-%m-%dT%H:%M:%fZ', last_synced_at / 1000.0, 'unixepoch'), NULL
      FROM appointments LIMIT 1`,
    );
    cancelled.run();
    cancelled.run();
    db.prepare(
      `INSERT INTO sync_runs (source, trigger_kind, status, scope, started_at, counts) VALUES ('cliniko-1', 'manual', 'running', '{}', ?, '{}')`,
    ).run(new Date().toISOString());
    const damaged = checkCache(env.cache, await upstream.truth(), 1);
    expect(damaged.integrity).toBeNull();
    expect(damaged.converged).toMatch(/cache differs from upstream/);
    expect(damaged.noDuplicateChanges).toMatch(/changes recorded twice/);
    expect(damaged.runsAccounted).toMatch(/2 runs recorded for 1 syncs started/);
    expect(damaged.noRunLeftRunning).toMatch(/1 runs left running/);
  });

  it('sees a cache that holds an upstream deletion as live (the comparison runs both ways)', async () => {
    const upstream = await startUpstream('cliniko');
    const env = createEnv(upstream);
    const run = await runSync(env, { mode: 'full' });
    const truth = await upstream.truth();
    const live = [...truth.appointments.values()].find((a) => a.startsAt > run.startedAt && a.status === 'booked');
    if (!live) throw new Error('the dataset has no upcoming booked appointment');
    upstream.deleteAppointment(live.externalId);
    expect(checkCache(env.cache, await upstream.truth(), 1).converged).toMatch(/cache differs from upstream/);
  });
});
