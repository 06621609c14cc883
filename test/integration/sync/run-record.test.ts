import { afterEach, describe, expect, it } from 'vitest';
import { cachedAppointments, cachedPatients, syncWindow } from './support/cache-view';
import { closeEnvs, createEnv, runSync } from './support/harness';
import { closeUpstreams, startUpstream } from './support/upstream';

afterEach(async () => {
  closeEnvs();
  await closeUpstreams();
});

describe.each(['cliniko', 'intakeq'] as const)('%s: the run record', (kind) => {
  it('tells exactly what a full and then an incremental sync did', async () => {
    const upstream = await startUpstream(kind);
    const env = createEnv(upstream);
    const full = await runSync(env, { mode: 'full' });
    const truth = await upstream.truth();
    const window = syncWindow(full.startedAt);
    const inWindow = [...truth.appointments.values()].filter((a) => a.startsAt >= window.from && a.startsAt < window.to);
    const patients = truth.patients.size;

    expect(full).toMatchObject({ trigger: 'manual', status: 'completed', cursorBefore: null, resumeAt: null, errors: [] });
    expect(full.scope).toMatchObject({ mode: 'full', daysBack: 90, daysForward: 90, sources: [env.source.id] });
    expect(full.counts).toEqual({
      patientsTotal: patients,
      patientsFound: patients,
      patientsNew: patients,
      patientsUpdated: 0,
      patientsUnchanged: 0,
      patientsFailed: 0,
      patientsDiscovered: 0,
      patientsUnaffiliated: patients,
      patientsRemoved: 0,
      appointmentsNew: inWindow.length,
      appointmentsUpdated: 0,
      appointmentsUnchanged: 0,
      appointmentsCancelled: 0,
      appointmentsRemoved: 0,
      appointmentsFailed: 0,
      appointmentsLookedUp: 0,
      errors: 0,
    });
    expect(full.apiRequests).toBe(upstream.stats().requests);
    expect(full.durationMs).toBe(Date.parse(full.finishedAt!) - Date.parse(full.startedAt));
    expect(Object.keys(full.cursorAfter ?? {}).sort()).toEqual(['appointments_back', 'appointments_forward', 'patients']);
    expect(full.countCheck).toBe(kind === 'cliniko' ? `${patients} of ${patients} patients, matches Cliniko` : null);

    // Two patients join an organization here; upstream, one patient is edited and another deleted.
    const cached = [...cachedPatients(env.cache, env.source.id).values()];
    const school = env.cache.organizations.create('Hillcrest Primary', upstream.now().toISOString());
    for (const p of cached.slice(0, 2)) env.cache.organizations.link(p.id, school.id, upstream.now().toISOString());
    upstream.editPatient(cached[2]!.externalId, { lastName: 'Whitcombe' });
    upstream.deletePatient(cached[3]!.externalId);
    const theirs = [...cachedAppointments(env.cache, env.source.id).values()].filter(
      (a) => a.patientExternalId === cached[3]!.externalId && !a.deleted,
    ).length;
    const requestsBefore = upstream.stats().requests;

    const next = await runSync(env, { trigger: 'scheduled' });
    expect(next).toMatchObject({ trigger: 'scheduled', status: 'completed', cursorBefore: full.cursorAfter });
    expect(next.scope.mode).toBe('incremental');
    expect(next.counts).toMatchObject({
      patientsTotal: patients - 1,
      patientsUnaffiliated: patients - 3,
      patientsNew: 0,
      patientsFailed: 0,
      patientsRemoved: 1,
      appointmentsRemoved: theirs,
      errors: 0,
    });
    expect(next.counts.patientsUpdated).toBeGreaterThanOrEqual(1);
    expect(next.apiRequests).toBe(upstream.stats().requests - requestsBefore);
    expect(next.countCheck).toBe(kind === 'cliniko' ? `${patients - 1} of ${patients - 1} patients, matches Cliniko` : null);
    expect(env.events.activity.at(-1)?.message).toMatch(
      /^Checked [\d,]+ patients? changed since the last sync \(0 new, \d+ updated, \d+ already up to date\) · checked [\d,]+ appointments.* · 1 patient deleted at source( · \d+ appointments? deleted at source)? · the cache holds [\d,]+ patients\.$/,
    );
  });
});
