import { afterEach, describe, expect, it } from 'vitest';
import type { SyncMode } from '../../../electron/core/domain';
import { cachedAppointments, cachedPatients, changesOfRun, syncWindow } from './support/cache-view';
import { closeEnvs, createEnv, runSync, type SyncEnv } from './support/harness';
import { closeUpstreams, startUpstream, type Upstream } from './support/upstream';

afterEach(async () => {
  closeEnvs();
  await closeUpstreams();
});

const DAY_MS = 86_400_000;
const MODES: SyncMode[] = ['incremental', 'full'];

async function synced(kind: 'cliniko' | 'intakeq'): Promise<{ upstream: Upstream; env: SyncEnv; startedAt: string }> {
  const upstream = await startUpstream(kind);
  const env = createEnv(upstream);
  const first = await runSync(env, { mode: 'full' });
  expect(first.status).toBe('completed');
  return { upstream, env, startedAt: first.startedAt };
}

/** What Cliniko serves for a hard-deleted appointment asked for with deleted_at:* (spec §8): a stub. */
async function clinikoServes(upstream: Upstream, appointmentId: string): Promise<string[]> {
  const response = await fetch(`${upstream.url}/individual_appointments/${appointmentId}?q[]=deleted_at:*`, {
    headers: {
      Authorization: `Basic ${Buffer.from(`${upstream.apiKey}:`).toString('base64')}`,
      Accept: 'application/json',
      'User-Agent': 'ClinicSync tests (tests@clinicsync.example)',
    },
  });
  return Object.keys((await response.json()) as object).sort();
}

describe.each(['cliniko', 'intakeq'] as const)('%s: records deleted upstream', (kind) => {
  it.each(MODES)('an appointment: marked removed by an %s sync, with a removed change, and the run completes', async (mode) => {
    const { upstream, env, startedAt } = await synced(kind);
    const window = syncWindow(startedAt);
    const target = [...cachedAppointments(env.cache, env.source.id).values()].find(
      (a) =>
        !a.deleted &&
        a.cancelledAt === null &&
        a.startsAt > new Date(Date.parse(startedAt) + DAY_MS).toISOString() &&
        a.startsAt < window.to,
    )!;
    upstream.deleteAppointment(target.externalId);
    if (kind === 'cliniko') expect(await clinikoServes(upstream, target.externalId)).toEqual(['deleted_at', 'id', 'links']);

    const run = await runSync(env, { mode });
    expect(run.status).toBe('completed');
    expect(run.errors).toEqual([]);
    expect(run.counts).toMatchObject({ appointmentsRemoved: 1, appointmentsFailed: 0 });
    expect(cachedAppointments(env.cache, env.source.id).get(target.externalId)).toMatchObject({
      deleted: true,
      startsAt: target.startsAt,
    });
    expect(changesOfRun(env.cache, env.source.id, run.id)).toContainEqual([target.externalId, 'removed']);
    expect(changesOfRun(env.cache, env.source.id, run.id).filter(([, change]) => change !== 'new' || mode !== 'full')).toEqual([
      [target.externalId, 'removed'],
    ]);
  });

  it.each(MODES)('a patient with appointments: both marked removed by an %s sync, the run completes', async (mode) => {
    const { upstream, env } = await synced(kind);
    const appointments = [...cachedAppointments(env.cache, env.source.id).values()].filter((a) => !a.deleted);
    const patient = [...cachedPatients(env.cache, env.source.id).values()].find(
      (p) => !p.deleted && appointments.filter((a) => a.patientExternalId === p.externalId).length >= 2,
    )!;
    const theirs = appointments.filter((a) => a.patientExternalId === patient.externalId).map((a) => a.externalId);
    upstream.deletePatient(patient.externalId);

    const run = await runSync(env, { mode });
    expect(run.status).toBe('completed');
    expect(run.errors).toEqual([]);
    expect(run.counts).toMatchObject({ patientsRemoved: 1, appointmentsRemoved: theirs.length, patientsFailed: 0, appointmentsFailed: 0 });
    expect(cachedPatients(env.cache, env.source.id).get(patient.externalId)).toMatchObject({ deleted: true, lastName: patient.lastName });
    const cached = cachedAppointments(env.cache, env.source.id);
    for (const id of theirs) expect(cached.get(id)?.deleted).toBe(true);
    const removed = changesOfRun(env.cache, env.source.id, run.id).filter(([, change]) => change === 'removed');
    expect(removed.map(([id]) => id).sort()).toEqual([...theirs].sort());
    // The run's summary line ("Synced …" after a full run, "Checked …" after an incremental one).
    const lines = env.events.activity.filter((a) => a.runId === run.id).map((a) => a.message);
    expect(lines).toContainEqual(expect.stringContaining('1 patient deleted at source'));
  });

  it.each(MODES)('a record never cached: skipped without a word by an %s sync', async (mode) => {
    const { upstream, env, startedAt } = await synced(kind);
    const patient = upstream.addPatient({ firstName: 'Brief', lastName: 'Visitor' });
    const booked = upstream.addAppointment(patient, new Date(Date.parse(startedAt) + 5 * DAY_MS).toISOString());
    const other = [...cachedPatients(env.cache, env.source.id).values()].find((p) => !p.deleted)!;
    const alsoBooked = upstream.addAppointment(other.externalId, new Date(Date.parse(startedAt) + 6 * DAY_MS).toISOString());
    upstream.deleteAppointment(alsoBooked);
    upstream.deletePatient(patient);

    const run = await runSync(env, { mode });
    expect(run.status).toBe('completed');
    expect(run.errors).toEqual([]);
    expect(run.counts).toMatchObject({ patientsRemoved: 0, appointmentsRemoved: 0, patientsFailed: 0, appointmentsFailed: 0 });
    expect(cachedPatients(env.cache, env.source.id).has(patient)).toBe(false);
    const cached = cachedAppointments(env.cache, env.source.id);
    expect([booked, alsoBooked].filter((id) => cached.has(id))).toEqual([]);
    expect(changesOfRun(env.cache, env.source.id, run.id).filter(([id]) => id === booked || id === alsoBooked)).toEqual([]);
  });
});
