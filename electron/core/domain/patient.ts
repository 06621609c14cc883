/** A patient as every connector normalizes it. Remote ids are strings end to end. */
export interface Patient {
  source: string;
  externalId: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  /** YYYY-MM-DD */
  dateOfBirth: string | null;
  archived: boolean;
  deleted: boolean;
  /** ISO-8601 UTC */
  remoteUpdatedAt: string | null;
  /** ISO-8601 UTC, set by the cache when the record was last seen upstream. */
  lastSyncedAt: string;
}

/** What a connector produces: the cache stamps `lastSyncedAt`. */
export type RemotePatient = Omit<Patient, 'lastSyncedAt'>;
