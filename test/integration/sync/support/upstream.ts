/**
 * Both emulators behind one small interface: start one time-compressed, read its ground truth over
 * the state API, and make the changes a practice makes during the day.
 */
import type { SourceKind } from '../../../../electron/core/domain';
import {
  startClinikoEmulator,
  startIntakeqEmulator,
  type ClinikoControl,
  type EmulatorOptions,
  type EmulatorStats,
  type FaultOptions,
  type IntakeqControl,
  type RunningEmulator,
} from '../../../../electron/emulators';
import { anchoredNow } from '../../../support/test-clock';
import { clinikoTruth, intakeqTruth, type ClinikoState, type IntakeqState, type Truth } from './truth';

/** Real limits compressed in time: Cliniko's 200/min become 200 per second, IntakeQ's 10/min 10 per 100 ms. */
export const TIME_SCALE: Record<SourceKind, number> = { cliniko: 60, intakeq: 600 };

export interface Upstream {
  kind: SourceKind;
  url: string;
  apiKey: string;
  timeScale: number;
  /** The emulator's clock, anchored at a fixed date: the sync engine runs on it too. */
  now: () => Date;
  truth(): Promise<Truth>;
  stats(): EmulatorStats;
  setFaults(faults: FaultOptions): void;
  /** A new patient; returns its id. */
  addPatient(fields?: { firstName?: string; lastName?: string; email?: string }): string;
  editPatient(id: string, fields: { lastName?: string; email?: string }): void;
  archivePatient(id: string): void;
  deletePatient(id: string): void;
  /** A new booking for the patient at `startsAt` (default: a slot in the coming weeks); returns its id. */
  addAppointment(patientId: string, startsAt?: string): string;
  reschedule(id: string, startsAt: string): void;
  cancel(id: string, reason: string): void;
  markNoShow(id: string): void;
  changePractitioner(id: string): void;
  changeTelehealthUrl(id: string): void;
  deleteAppointment(id: string): void;
  close(): Promise<void>;
}

const running = new Set<Upstream>();

/** Closes every emulator still running (call from afterEach). */
export async function closeUpstreams(): Promise<void> {
  const all = [...running];
  running.clear();
  await Promise.all(all.map((u) => u.close()));
}

export async function startUpstream(kind: SourceKind, options: EmulatorOptions = {}): Promise<Upstream> {
  const merged: EmulatorOptions = {
    patients: 120,
    seed: 21,
    latencyMs: { min: 0, max: 0 },
    timeScale: TIME_SCALE[kind],
    now: anchoredNow(),
    ...options,
  };
  const upstream =
    kind === 'cliniko' ? cliniko(await startClinikoEmulator(merged), merged) : intakeq(await startIntakeqEmulator(merged), merged);
  running.add(upstream);
  return upstream;
}

async function state<T>(origin: string, headers: Record<string, string>): Promise<T> {
  const response = await fetch(`${origin}/__emulator/state`, { headers });
  if (!response.ok) throw new Error(`The emulator's state API answered ${response.status}`);
  return (await response.json()) as T;
}

/** The control calls both emulators take alike. */
interface SharedControl {
  archivePatient(id: string): unknown;
  deletePatient(id: string): unknown;
  reschedule(id: string, startsAt: string): unknown;
  cancel(id: string, reason: string): unknown;
  markNoShow(id: string): unknown;
  changePractitioner(id: string): unknown;
  changeTelehealthUrl(id: string): unknown;
  deleteAppointment(id: string): unknown;
}

/** The part of an Upstream that is the same for both emulators. */
function common(
  emu: RunningEmulator<SharedControl>,
  options: EmulatorOptions,
): Omit<Upstream, 'kind' | 'truth' | 'addPatient' | 'editPatient' | 'addAppointment'> {
  const c = emu.control;
  return {
    url: emu.url,
    apiKey: emu.apiKey,
    timeScale: options.timeScale ?? 1,
    now: options.now ?? (() => new Date()),
    stats: () => emu.stats(),
    setFaults: (faults) => emu.setFaults(faults),
    archivePatient: (id) => void c.archivePatient(id),
    deletePatient: (id) => void c.deletePatient(id),
    reschedule: (id, startsAt) => void c.reschedule(id, startsAt),
    cancel: (id, reason) => void c.cancel(id, reason),
    markNoShow: (id) => void c.markNoShow(id),
    changePractitioner: (id) => void c.changePractitioner(id),
    changeTelehealthUrl: (id) => void c.changeTelehealthUrl(id),
    deleteAppointment: (id) => void c.deleteAppointment(id),
    close: () => emu.close(),
  };
}

function cliniko(emu: RunningEmulator<ClinikoControl>, options: EmulatorOptions): Upstream {
  const c = emu.control;
  const auth = { Authorization: `Basic ${Buffer.from(`${emu.apiKey}:`).toString('base64')}` };
  return {
    ...common(emu, options),
    kind: 'cliniko',
    truth: async () => clinikoTruth(await state<ClinikoState>(emu.origin, auth)),
    addPatient: (f = {}) =>
      c.addPatient({
        ...(f.firstName ? { first_name: f.firstName } : {}),
        ...(f.lastName ? { last_name: f.lastName } : {}),
        ...(f.email ? { email: f.email } : {}),
      }).id,
    editPatient: (id, f) =>
      void c.editPatient(id, { ...(f.lastName ? { last_name: f.lastName } : {}), ...(f.email ? { email: f.email } : {}) }),
    addAppointment: (patientId, startsAt) => c.addAppointment({ patient_id: patientId, ...(startsAt ? { starts_at: startsAt } : {}) }).id,
  };
}

function intakeq(emu: RunningEmulator<IntakeqControl>, options: EmulatorOptions): Upstream {
  const c = emu.control;
  return {
    ...common(emu, options),
    kind: 'intakeq',
    truth: async () => intakeqTruth(await state<IntakeqState>(emu.origin, { 'X-Auth-Key': emu.apiKey })),
    addPatient: (f = {}) =>
      String(
        c.addPatient({
          ...(f.firstName ? { FirstName: f.firstName } : {}),
          ...(f.lastName ? { LastName: f.lastName } : {}),
          ...(f.email ? { Email: f.email } : {}),
        }).ClientId,
      ),
    editPatient: (id, f) =>
      void c.editPatient(id, { ...(f.lastName ? { LastName: f.lastName } : {}), ...(f.email ? { Email: f.email } : {}) }),
    addAppointment: (patientId, startsAt) =>
      c.addAppointment({ ClientId: Number(patientId), ...(startsAt ? { UtcDateTime: Date.parse(startsAt) } : {}) }).Id,
  };
}
