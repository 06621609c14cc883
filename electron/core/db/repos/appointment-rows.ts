import type { Appointment, AppointmentSnapshot, AppointmentStatus, RemoteAppointment } from '../../domain';
import { fromFlag, toFlag } from '../sql-values';
import { sourceIdOfSql } from '../source-keys';
import { fromStoredMs, fromStoredMsOrNull, toStoredMsOrNull } from '../stored-instants';
import { toStoredTime, toStoredTimeOrNull } from '../timestamps';

/** The synced columns of an appointment, instants as ISO-8601 text (the table holds epoch ms). */
export interface AppointmentValues {
  patient_external_id: string | null;
  practitioner_external_id: string | null;
  practitioner_name: string | null;
  service_name: string | null;
  location_name: string | null;
  starts_at: string;
  ends_at: string | null;
  status: AppointmentStatus;
  cancelled_at: string | null;
  cancellation_reason: string | null;
  telehealth_url: string | null;
  deleted: 0 | 1;
  remote_updated_at: string | null;
}

export type AppointmentRow = AppointmentValues & {
  id: number;
  source: string;
  external_id: string;
  last_synced_at: string;
};

/** A row as SQLite returns it: instants in epoch ms (migration compact_appointments). */
export type StoredAppointmentRow = Omit<AppointmentRow, InstantColumn> & {
  starts_at: number;
  ends_at: number | null;
  cancelled_at: number | null;
  remote_updated_at: number | null;
  last_synced_at: number;
};

type InstantColumn = 'starts_at' | 'ends_at' | 'cancelled_at' | 'remote_updated_at' | 'last_synced_at';

/** The columns of an appointment row, its source by id (the table holds its key: source-keys.ts). */
export const APPOINTMENT_COLUMNS = `id, ${sourceIdOfSql('source_key')} AS source, external_id, patient_external_id, practitioner_external_id,
  practitioner_name, service_name, location_name, starts_at, ends_at, status, cancelled_at,
  cancellation_reason, telehealth_url, deleted, remote_updated_at, last_synced_at`;

/** Every synced column: what an upsert compares and, when changed, writes. */
export const APPOINTMENT_VALUE_COLUMNS = [
  'patient_external_id',
  'practitioner_external_id',
  'practitioner_name',
  'service_name',
  'location_name',
  'starts_at',
  'ends_at',
  'status',
  'cancelled_at',
  'cancellation_reason',
  'telehealth_url',
  'deleted',
  'remote_updated_at',
] as const satisfies ReadonlyArray<keyof AppointmentValues>;

export function appointmentValues(appointment: RemoteAppointment): AppointmentValues {
  const field = (name: string) => `Appointment ${appointment.externalId} ${name}`;
  return {
    patient_external_id: appointment.patientExternalId,
    practitioner_external_id: appointment.practitionerExternalId,
    practitioner_name: appointment.practitionerName,
    service_name: appointment.serviceName,
    location_name: appointment.locationName,
    starts_at: toStoredTime(appointment.startsAt, field('startsAt')),
    ends_at: toStoredTimeOrNull(appointment.endsAt, field('endsAt')),
    status: appointment.status,
    cancelled_at: toStoredTimeOrNull(appointment.cancelledAt, field('cancelledAt')),
    cancellation_reason: appointment.cancellationReason,
    telehealth_url: appointment.telehealthUrl,
    deleted: toFlag(appointment.deleted),
    remote_updated_at: toStoredTimeOrNull(appointment.remoteUpdatedAt, field('remoteUpdatedAt')),
  };
}

/** A stored row with its instants as ISO-8601 text again. */
export function fromStoredRow(row: StoredAppointmentRow): AppointmentRow {
  return {
    ...row,
    starts_at: fromStoredMs(row.starts_at),
    ends_at: fromStoredMsOrNull(row.ends_at),
    cancelled_at: fromStoredMsOrNull(row.cancelled_at),
    remote_updated_at: fromStoredMsOrNull(row.remote_updated_at),
    last_synced_at: fromStoredMs(row.last_synced_at),
  };
}

/** Statement parameters for `values`: the same, with each instant in epoch ms. */
export function storedParams<T extends Partial<Record<InstantColumn, string | null>>>(
  values: T,
): Omit<T, InstantColumn> & Partial<Record<InstantColumn, number | null>> {
  const params: Record<string, unknown> = { ...values };
  for (const column of ['starts_at', 'ends_at', 'cancelled_at', 'remote_updated_at', 'last_synced_at'] as const) {
    const value = values[column];
    if (value !== undefined) params[column] = toStoredMsOrNull(value, column);
  }
  return params as Omit<T, InstantColumn> & Partial<Record<InstantColumn, number | null>>;
}

export function snapshotOf(values: AppointmentValues): AppointmentSnapshot {
  return {
    startsAt: values.starts_at,
    endsAt: values.ends_at,
    status: values.status,
    practitionerExternalId: values.practitioner_external_id,
    practitionerName: values.practitioner_name,
    telehealthUrl: values.telehealth_url,
    deleted: fromFlag(values.deleted),
    cancellationReason: values.cancellation_reason,
  };
}

export function toAppointment(row: AppointmentRow): Appointment {
  return {
    source: row.source,
    externalId: row.external_id,
    patientExternalId: row.patient_external_id,
    practitionerExternalId: row.practitioner_external_id,
    practitionerName: row.practitioner_name,
    serviceName: row.service_name,
    locationName: row.location_name,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    status: row.status,
    cancelledAt: row.cancelled_at,
    cancellationReason: row.cancellation_reason,
    telehealthUrl: row.telehealth_url,
    deleted: fromFlag(row.deleted),
    remoteUpdatedAt: row.remote_updated_at,
    lastSyncedAt: row.last_synced_at,
  };
}
