/**
 * The crash harness's upstream edits between kills: what a practice does during a day, including the
 * deletions, cancellations and archives a sync must bring home. Chosen from a seeded stream.
 */
import type { ClinikoControl } from '../../electron/emulators';

const DAY_MS = 86_400_000;

export type Rand = () => number;

/** A small deterministic generator (mulberry32): the harness must be repeatable from its seed. */
export function seededRandom(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rows: T[], rand: Rand): T | undefined {
  return rows[Math.floor(rand() * rows.length)];
}

/** Counts of each kind of edit made so far, for the report. */
export type EditCounts = Record<'renamed' | 'added' | 'rescheduled' | RemovalKind, number>;
type RemovalKind = 'cancelled' | 'appointmentDeleted' | 'appointmentArchived' | 'patientArchived' | 'patientDeleted';
const REMOVALS: RemovalKind[] = ['cancelled', 'appointmentDeleted', 'appointmentArchived', 'patientArchived', 'patientDeleted'];

export function noEdits(): EditCounts {
  return {
    renamed: 0,
    added: 0,
    rescheduled: 0,
    cancelled: 0,
    appointmentDeleted: 0,
    appointmentArchived: 0,
    patientArchived: 0,
    patientDeleted: 0,
  };
}

/** One round of edits: a rename, a new patient with a booking, a reschedule, and one removal of some kind. */
export function editUpstream(control: ClinikoControl, rand: Rand, counts: EditCounts): void {
  const patients = control.patients().filter((p) => p.deleted_at === null && p.archived_at === null);
  const renamed = pick(patients, rand);
  if (renamed) {
    control.editPatient(String(renamed.id), { last_name: `${renamed.last_name.replace(/-\d+$/, '')}-${Math.floor(rand() * 1000)}` });
    counts.renamed += 1;
  }
  const added = control.addPatient();
  control.addAppointment({
    patient_id: String(added.id),
    starts_at: new Date(Date.now() + (2 + Math.floor(rand() * 30)) * DAY_MS).toISOString(),
  });
  counts.added += 1;

  const upcoming = () =>
    control
      .appointments()
      .filter(
        (a) => a.deleted_at === null && a.archived_at === null && a.cancelled_at === null && Date.parse(a.starts_at) > Date.now() + DAY_MS,
      );
  const moved = pick(upcoming(), rand);
  if (moved) {
    control.reschedule(String(moved.id), new Date(Date.parse(moved.starts_at) + 30 * 60_000).toISOString());
    counts.rescheduled += 1;
  }

  const removal = REMOVALS[Math.floor(rand() * REMOVALS.length)] as RemovalKind;
  const appointment = pick(upcoming(), rand);
  const patient = pick(
    control.patients().filter((p) => p.deleted_at === null && p.archived_at === null),
    rand,
  );
  if (removal === 'cancelled' && appointment) control.cancel(String(appointment.id), 'Sick');
  else if (removal === 'appointmentDeleted' && appointment) control.deleteAppointment(String(appointment.id));
  else if (removal === 'appointmentArchived' && appointment) control.archiveAppointment(String(appointment.id));
  else if (removal === 'patientArchived' && patient) control.archivePatient(String(patient.id));
  else if (removal === 'patientDeleted' && patient) control.deletePatient(String(patient.id));
  else return;
  counts[removal] += 1;
}
