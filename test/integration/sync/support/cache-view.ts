/**
 * What the cache holds for a source, in the domain's field names, and the comparison with the
 * upstream's truth that every convergence test makes.
 */
import { expect } from 'vitest';
import type { Cache } from '../../../../electron/core/db';
import type { AppointmentChange, ChangeKind } from '../../../../electron/core/domain';
import type { ExpectedAppointment, ExpectedPatient, Truth } from './truth';

export interface CachedPatientView extends ExpectedPatient {
  id: number;
  lastSyncedAt: string | null;
}

export type CachedAppointmentView = ExpectedAppointment & { lastSyncedAt: string };

interface PatientSqlRow {
  id: number;
  external_id: string;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  date_of_birth: string | null;
  archived: number;
  deleted: number;
  remote_updated_at: string | null;
  last_synced_at: string | null;
}

export function cachedPatients(cache: Cache, source: string): Map<string, CachedPatientView> {
  const rows = cache.db.prepare('SELECT * FROM patients WHERE source = ? AND external_id IS NOT NULL').all(source) as PatientSqlRow[];
  return new Map(
    rows.map((r) => [
      r.external_id,
      {
        id: r.id,
        externalId: r.external_id,
        firstName: r.first_name,
        lastName: r.last_name,
        email: r.email,
        phone: r.phone,
        dateOfBirth: r.date_of_birth,
        archived: r.archived === 1,
        deleted: r.deleted === 1,
        remoteUpdatedAt: r.remote_updated_at,
        lastSyncedAt: r.last_synced_at,
      },
    ]),
  );
}

interface AppointmentSqlRow {
  external_id: string;
  patient_external_id: string | null;
  practitioner_external_id: string | null;
  practitioner_name: string | null;
  service_name: string | null;
  location_name: string | null;
  // Instants as the table stores them: epoch milliseconds.
  starts_at: number;
  ends_at: number | null;
  status: ExpectedAppointment['status'];
  cancelled_at: number | null;
  cancellation_reason: string | null;
  telehealth_url: string | null;
  deleted: number;
  remote_updated_at: number | null;
  last_synced_at: number;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

export function cachedAppointments(cache: Cache, source: string): Map<string, CachedAppointmentView> {
  const rows = cache.db
    .prepare('SELECT * FROM appointments WHERE source_key = (SELECT key FROM sources WHERE id = ?)')
    .all(source) as AppointmentSqlRow[];
  return new Map(
    rows.map((r) => [
      r.external_id,
      {
        externalId: r.external_id,
        patientExternalId: r.patient_external_id,
        practitionerExternalId: r.practitioner_external_id,
        practitionerName: r.practitioner_name,
        serviceName: r.service_name,
        locationName: r.location_name,
        startsAt: iso(r.starts_at),
        endsAt: isoOrNull(r.ends_at),
        status: r.status,
        cancelledAt: isoOrNull(r.cancelled_at),
        cancellationReason: r.cancellation_reason,
        telehealthUrl: r.telehealth_url,
        deleted: r.deleted === 1,
        remoteUpdatedAt: isoOrNull(r.remote_updated_at),
        lastSyncedAt: iso(r.last_synced_at),
      },
    ]),
  );
}

export interface Window {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;

/** The windows a sync started at `at` covers with the default 90 days each way. */
export function syncWindow(at: string | Date, daysBack = 90, daysForward = 90): Window {
  const t = new Date(at).getTime();
  return { from: new Date(t - daysBack * DAY_MS).toISOString(), to: new Date(t + daysForward * DAY_MS).toISOString() };
}

const inWindow = (startsAt: string, w: Window): boolean => startsAt >= w.from && startsAt < w.to;

/**
 * The cache equals the upstream, field for field: every listed patient, every listed appointment in
 * the window, nothing else live; records hard-deleted upstream are kept but marked removed.
 */
export function expectConverged(cache: Cache, source: string, truth: Truth, window: Window): void {
  const patients = cachedPatients(cache, source);
  const strip = ({ id: _id, lastSyncedAt: _at, ...rest }: CachedPatientView): ExpectedPatient => rest;
  const livePatients = [...patients.values()].filter((p) => !p.deleted).map(strip);
  expect(sortById(livePatients)).toEqual(sortById([...truth.patients.values()]));
  for (const p of patients.values()) {
    if (p.deleted) expect(truth.deletedPatientIds.has(p.externalId), `patient ${p.externalId} is marked removed`).toBe(true);
  }

  const appointments = cachedAppointments(cache, source);
  const expected = [...truth.appointments.values()].filter((a) => inWindow(a.startsAt, window));
  const cachedInWindow = [...appointments.values()]
    .filter((a) => inWindow(a.startsAt, window))
    .filter((a) => !a.deleted || truth.appointments.has(a.externalId))
    .map(({ lastSyncedAt: _at, ...rest }) => rest);
  expect(sortById(cachedInWindow)).toEqual(sortById(expected));
  for (const a of appointments.values()) {
    if (a.deleted && !truth.appointments.has(a.externalId)) {
      expect(truth.deletedAppointmentIds.has(a.externalId), `appointment ${a.externalId} is marked removed`).toBe(true);
    }
    if (truth.deletedAppointmentIds.has(a.externalId)) expect(a.deleted, `hard-deleted appointment ${a.externalId}`).toBe(true);
  }
}

function sortById<T extends { externalId: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => (a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0));
}

/** The change feed of one run as (appointment id, kind) pairs, sorted. */
export function changesOfRun(cache: Cache, source: string, runId: number): Array<[string, ChangeKind]> {
  const { rows } = cache.changes.list({ source, limit: 10_000, offset: 0 });
  return rows
    .filter((c: AppointmentChange) => c.runId === runId)
    .map((c): [string, ChangeKind] => [c.appointmentExternalId, c.kind])
    .sort((a, b) => (a[0] + a[1] < b[0] + b[1] ? -1 : 1));
}
