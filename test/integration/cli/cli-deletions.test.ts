import { describe, expect, it } from 'vitest';
import type { Appointment, Patient, SyncRun } from '../../../electron/core/domain';
import { useCliClinic } from '../../support/cli-clinic';
import { runCli } from '../../support/run-cli';

const clinic = useCliClinic('cli-deletions', { patients: 300, latencyMs: { min: 0, max: 0 } });

const idOf = (link: { links: { self: string } }): string => link.links.self.split('/').pop() ?? '';

async function exported<T>(what: 'patients' | 'appointments', env: NodeJS.ProcessEnv): Promise<T[]> {
  const out = await runCli(['export', what, '--format', 'json'], env);
  expect(out.code).toBe(0);
  return JSON.parse(out.stdout) as T[];
}

describe('clinicsync sync after records were hard-deleted in Cliniko', () => {
  it('exits 0 with the run completed and the records marked removed, and so does the next sync', async () => {
    const env = clinic.freshEnv();
    await clinic.addSource(env);
    expect((await runCli(['sync'], env)).code).toBe(0);

    const cached = await exported<Appointment>('appointments', env);
    const now = new Date().toISOString();
    const upcoming = cached.filter((a) => !a.deleted && a.startsAt > now);
    const appointment = upcoming[0]!;
    const patientId = upcoming.find((a) => a.patientExternalId !== appointment.patientExternalId)!.patientExternalId!;
    const theirs = cached.filter((a) => a.patientExternalId === patientId && !a.deleted).map((a) => a.externalId);
    clinic.emulator.control.deleteAppointment(appointment.externalId);
    clinic.emulator.control.deletePatient(patientId);
    expect(clinic.emulator.control.appointments().filter((a) => idOf(a.patient) === patientId && a.deleted_at === null)).toEqual([]);

    for (const round of [1, 2]) {
      const sync = await runCli(['sync', '--json'], env);
      expect(sync.stderr).toBe('');
      expect(sync.code).toBe(0);
      const [run] = JSON.parse(sync.stdout) as SyncRun[];
      expect(run).toMatchObject({ status: 'completed', errors: [] });
      expect(run!.counts.appointmentsRemoved).toBe(round === 1 ? 1 + theirs.length : 0);
    }
    const appointments = new Map((await exported<Appointment>('appointments', env)).map((a) => [a.externalId, a]));
    for (const id of [appointment.externalId, ...theirs]) expect(appointments.get(id)?.deleted).toBe(true);
    expect((await exported<Patient>('patients', env)).find((p) => p.externalId === patientId)?.deleted).toBe(true);
  });
});
