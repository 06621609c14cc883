import { afterEach, describe, expect, it } from 'vitest';
import { changesOfRun, expectConverged, syncWindow } from './support/cache-view';
import { closeEnvs, createEnv, runSync } from './support/harness';
import { closeUpstreams, startUpstream } from './support/upstream';

afterEach(async () => {
  closeEnvs();
  await closeUpstreams();
});

describe.each(['cliniko', 'intakeq'] as const)('%s: records the connector cannot read', (kind) => {
  it('are reported without patient data, never taken for removed, and read again by the next sync', async () => {
    const upstream = await startUpstream(kind, { patients: 150, seed: 12 });
    const env = createEnv(upstream);
    const clean = await runSync(env, { mode: 'full' });
    expect(clean.status).toBe('completed');

    // One record in twenty arrives with a broken field: on a full sync, and then an incremental one.
    upstream.setFaults({ malformedRecordRate: 0.05 });
    const broken = await runSync(env, { mode: 'full' });
    expect(broken.status).toBe('partial_success');
    expect(broken.counts.patientsFailed + broken.counts.appointmentsFailed).toBeGreaterThan(0);
    expect(broken.counts.errors).toBe(broken.counts.patientsFailed + broken.counts.appointmentsFailed);
    expect(broken.errors.length).toBe(Math.min(20, broken.counts.errors));
    const truth = await upstream.truth();
    const personal = [...truth.patients.values()].flatMap((p) => [`${p.firstName} ${p.lastName}`, p.email, p.phone, p.dateOfBirth]);
    for (const error of broken.errors) {
      expect(error.kind).toBe('invalid_data');
      expect(error.message).toMatch(/^Skipped an? (patient|appointment) ClinicSync could not read: /);
      for (const value of personal) if (value) expect(error.message).not.toContain(value);
    }
    // What was cached before is still there: an unreadable row is not a removed one.
    expect(changesOfRun(env.cache, env.source.id, broken.id).filter(([, kind]) => kind === 'removed')).toEqual([]);
    expectConverged(env.cache, env.source.id, truth, syncWindow(broken.startedAt));

    const incremental = await runSync(env);
    expect(incremental.status).toBe('partial_success');

    // Once the upstream serves them whole again, an ordinary sync brings everything home.
    upstream.setFaults({});
    const healed = await runSync(env);
    expect(healed.status).toBe('completed');
    expectConverged(env.cache, env.source.id, await upstream.truth(), syncWindow(healed.startedAt));
  });

  it('that were never cached arrive with the next sync after they become readable', async () => {
    const upstream = await startUpstream(kind, { patients: 150, seed: 13, faults: { malformedRecordRate: 0.05 } });
    const env = createEnv(upstream);
    const first = await runSync(env, { mode: 'full' });
    expect(first.status).toBe('partial_success');
    expect(first.counts.patientsFailed).toBeGreaterThan(0);
    if (kind === 'cliniko') expect(first.countCheck).toMatch(/^\d+ of 150 patients: \d+ patients? missing from the cache$/);

    upstream.setFaults({});
    const next = await runSync(env);
    expect(next.status).toBe('completed');
    expectConverged(env.cache, env.source.id, await upstream.truth(), syncWindow(next.startedAt));
    if (kind === 'cliniko') expect(next.countCheck).toBe('150 of 150 patients, matches Cliniko');
  });
});
