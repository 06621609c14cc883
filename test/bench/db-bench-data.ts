import type { Cache } from '../../electron/core/db';
import type { AppointmentStatus, RemoteAppointment, RemotePatient } from '../../electron/core/domain';

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'Jane',
  'John',
  'Aroha',
  'Mei',
  'Liam',
  'Olivia',
  'Noah',
  'Ava',
  'Wiremu',
  'Priya',
  'Sofía',
  'Lucas',
  'Chen',
  'Fatima',
  'Ivan',
  'Māui',
];
const LAST = [
  'Smith',
  'Nguyen',
  'Brown',
  'Wilson',
  'Taylor',
  'Ngata',
  'Patel',
  'García',
  'Kowalski',
  'Singh',
  'Tanaka',
  'Murphy',
  'Kim',
  'Jones',
  'Lee',
  'Álvarez',
];
const PRACTITIONERS = ['Dr Mei Chen', 'Dr Liam Brown', 'Dr Priya Patel', 'Dr Ivan Petrov', 'Dr Ava Jones'];
const STATUSES: AppointmentStatus[] = ['booked', 'booked', 'booked', 'confirmed', 'pending', 'arrived', 'cancelled', 'no_show'];
const DAY_MS = 86_400_000;

/** Cliniko-style 64-bit ids, exact as strings. */
export const remoteId = (base: bigint, n: number) => String(base + BigInt(n));
const PATIENT_BASE = 836447129235883061n;
const APPOINTMENT_BASE = 1036447129235883061n;

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

export function benchPatient(source: string, n: number, random: () => number): RemotePatient {
  const firstName = pick(random, FIRST);
  const lastName = `${pick(random, LAST)}${n % 7 === 0 ? '-Smith' : ''}`;
  return {
    source,
    externalId: remoteId(PATIENT_BASE, n),
    firstName,
    lastName,
    email: `${firstName.toLowerCase()}.${lastName.toLowerCase()}${n}@example.test`,
    phone: `04${String(10_000_000 + ((n * 7919) % 89_999_999)).padStart(8, '0')}`,
    dateOfBirth:
      random() < 0.05
        ? null
        : new Date(Date.UTC(1940 + Math.floor(random() * 80), Math.floor(random() * 12), 1 + Math.floor(random() * 28)))
            .toISOString()
            .slice(0, 10),
    archived: random() < 0.05,
    deleted: false,
    remoteUpdatedAt: '2025-05-01T10:00:00.000Z',
  };
}

/**
 * Appointment n for a random one of `patients` patients, within ±90 days of `aroundIso`: a page of
 * appointments touches patients and start times in no particular order, as real pages do.
 */
export function benchAppointment(source: string, n: number, patients: number, aroundIso: string, random: () => number): RemoteAppointment {
  const startsAt = Date.parse(aroundIso) + Math.floor((random() * 180 - 90) * 96) * (DAY_MS / 96);
  const status = pick(random, STATUSES);
  const practitioner = Math.floor(random() * PRACTITIONERS.length);
  return {
    source,
    externalId: remoteId(APPOINTMENT_BASE, n),
    patientExternalId: remoteId(PATIENT_BASE, Math.floor(random() * patients)),
    practitionerExternalId: String(1000 + practitioner),
    practitionerName: PRACTITIONERS[practitioner] ?? null,
    serviceName: 'Standard consult',
    locationName: 'Main St',
    startsAt: new Date(startsAt).toISOString(),
    endsAt: new Date(startsAt + 30 * 60_000).toISOString(),
    status,
    cancelledAt: status === 'cancelled' ? new Date(startsAt - DAY_MS).toISOString() : null,
    cancellationReason: status === 'cancelled' ? 'Patient request' : null,
    telehealthUrl: random() < 0.2 ? `https://meet.example.test/${n}` : null,
    deleted: false,
    remoteUpdatedAt: '2025-05-20T08:00:00.000Z',
  };
}

/** The kinds of edit a later sync sees: reschedules, cancellations, new practitioners, new links. */
export function editedAppointment(appointment: RemoteAppointment, n: number): RemoteAppointment {
  switch (n % 4) {
    case 0:
      return { ...appointment, startsAt: new Date(Date.parse(appointment.startsAt) + DAY_MS).toISOString() };
    case 1:
      return { ...appointment, status: 'cancelled', cancelledAt: appointment.startsAt, cancellationReason: 'Unwell' };
    case 2:
      return { ...appointment, practitionerExternalId: '1999', practitionerName: 'Dr Locum' };
    default:
      return { ...appointment, telehealthUrl: `https://meet.example.test/changed-${n}` };
  }
}

/** `rows` cut into pages of `size`, as a listing delivers them. */
export function pages<T>(rows: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));
}

const msOrNull = (iso: string | null): number | null => (iso === null ? null : Date.parse(iso));

/**
 * The baseline the repository's upserts are measured against: a plain prepared INSERT of the same rows
 * into the same table (as the table stores them: instants in epoch ms, the source by key), one
 * transaction per page.
 */
export function plainInsertAppointments(db: Cache['db'], rowPages: RemoteAppointment[][], syncedAt: string): void {
  const insert = db.prepare(`INSERT INTO appointments (source_key, external_id, patient_external_id,
      practitioner_external_id, practitioner_name, service_name, location_name, starts_at, ends_at, status,
      cancelled_at, cancellation_reason, telehealth_url, deleted, remote_updated_at, last_synced_at)
    VALUES ((SELECT key FROM sources WHERE id = @source), @externalId, @patientExternalId, @practitionerExternalId, @practitionerName, @serviceName,
      @locationName, @startsAt, @endsAt, @status, @cancelledAt, @cancellationReason, @telehealthUrl, 0,
      @remoteUpdatedAt, @syncedAt)`);
  const insertPage = db.transaction((page: RemoteAppointment[]) => {
    for (const row of page) {
      insert.run({
        ...row,
        startsAt: Date.parse(row.startsAt),
        endsAt: msOrNull(row.endsAt),
        cancelledAt: msOrNull(row.cancelledAt),
        remoteUpdatedAt: msOrNull(row.remoteUpdatedAt),
        syncedAt: Date.parse(syncedAt),
      });
    }
  });
  for (const page of rowPages) insertPage(page);
}
