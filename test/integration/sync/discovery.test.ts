import { afterEach, describe, expect, it } from 'vitest';
import { cachedPatients } from './support/cache-view';
import { closeEnvs, createEnv, runSync } from './support/harness';
import { closeUpstreams, startUpstream } from './support/upstream';

afterEach(async () => {
  closeEnvs();
  await closeUpstreams();
});

const DAY_MS = 86_400_000;

describe.each(['cliniko', 'intakeq'] as const)('%s: patient discovery from appointments', (kind) => {
  it('automatic: an upcoming-only sync fetches the new patient an appointment names', async () => {
    const upstream = await startUpstream(kind);
    const env = createEnv(upstream);
    await runSync(env, { mode: 'full' });
    const newcomer = upstream.addPatient({ firstName: 'Ngaio', lastName: 'Tautahi' });
    upstream.addAppointment(newcomer, new Date(upstream.now().getTime() + 3 * DAY_MS).toISOString());

    const run = await runSync(env, { mode: 'upcoming_only' });
    expect(run.status).toBe('completed');
    expect(run.counts).toMatchObject({ patientsDiscovered: 1, patientsNew: 1 });
    const expected = (await upstream.truth()).patients.get(newcomer)!;
    const { id: _id, lastSyncedAt: _at, ...cached } = cachedPatients(env.cache, env.source.id).get(newcomer)!;
    expect(cached).toEqual(expected);
  });

  it('manual: leaves the patient out and says so; switched to automatic, the next sync fetches it', async () => {
    const upstream = await startUpstream(kind);
    const env = createEnv(upstream);
    await runSync(env, { mode: 'full' });
    const newcomer = upstream.addPatient({ firstName: 'Ngaio', lastName: 'Tautahi' });
    upstream.addAppointment(newcomer, new Date(upstream.now().getTime() + 3 * DAY_MS).toISOString());

    const manual = await runSync(env, { mode: 'upcoming_only', settings: { discovery: 'manual' } });
    expect(manual.counts.patientsDiscovered).toBe(0);
    expect(cachedPatients(env.cache, env.source.id).has(newcomer)).toBe(false);
    expect(env.events.activity.map((a) => a.message)).toContain(
      '1 patient seen on appointments not yet in the cache; discovery is set to manual.',
    );

    // Later on, the appointment is older than the window's cursor: an incremental sync does not list it again.
    const cursor = JSON.parse(env.cache.cursors.get(env.source.id, 'appointments_forward')!) as Record<string, string>;
    env.cache.cursors.set(
      env.source.id,
      'appointments_forward',
      JSON.stringify({ ...cursor, updatedSince: new Date(upstream.now().getTime() + 1000).toISOString() }),
    );
    const automatic = await runSync(env, { mode: 'upcoming_only' });
    expect(automatic.counts.appointmentsNew).toBe(0);
    expect(automatic.counts.patientsDiscovered).toBe(1);
    expect(cachedPatients(env.cache, env.source.id).get(newcomer)).toMatchObject({ firstName: 'Ngaio', lastName: 'Tautahi' });
  });
});
