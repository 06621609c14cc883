import type { CachedPatient, RemotePatient } from '../../domain';
import { fromFlag, toFlag } from '../sql-values';
import { toStoredTimeOrNull } from '../timestamps';
import { searchText, sortName } from './patient-text';

/** The synced columns of a patient, as stored. */
export interface PatientValues {
  first_name: string;
  last_name: string;
  sort_name: string;
  search_text: string;
  email: string | null;
  phone: string | null;
  date_of_birth: string | null;
  archived: 0 | 1;
  deleted: 0 | 1;
  remote_updated_at: string | null;
}

export type PatientRow = PatientValues & {
  id: number;
  source: string;
  external_id: string | null;
  removed_at: string | null;
  last_synced_at: string | null;
};

export const PATIENT_COLUMNS = `id, source, external_id, first_name, last_name, sort_name, search_text, email, phone,
  date_of_birth, archived, deleted, removed_at, remote_updated_at, last_synced_at`;

/** Every synced column (and those derived from them): what an upsert compares and, when changed, writes. */
export const PATIENT_VALUE_COLUMNS = [
  'first_name',
  'last_name',
  'sort_name',
  'search_text',
  'email',
  'phone',
  'date_of_birth',
  'archived',
  'deleted',
  'remote_updated_at',
] as const satisfies ReadonlyArray<keyof PatientValues>;

export function patientValues(patient: Omit<RemotePatient, 'source' | 'externalId'>): PatientValues {
  return {
    first_name: patient.firstName,
    last_name: patient.lastName,
    sort_name: sortName(patient.firstName, patient.lastName),
    search_text: searchText(patient),
    email: patient.email,
    phone: patient.phone,
    date_of_birth: patient.dateOfBirth,
    archived: toFlag(patient.archived),
    deleted: toFlag(patient.deleted),
    remote_updated_at: toStoredTimeOrNull(patient.remoteUpdatedAt, 'A patient’s remoteUpdatedAt'),
  };
}

export function toCachedPatient(row: PatientRow): CachedPatient {
  return {
    id: row.id,
    source: row.source,
    externalId: row.external_id,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    phone: row.phone,
    dateOfBirth: row.date_of_birth,
    archived: fromFlag(row.archived),
    deleted: fromFlag(row.deleted),
    removedAt: row.removed_at,
    remoteUpdatedAt: row.remote_updated_at,
    lastSyncedAt: row.last_synced_at,
  };
}
