import type { Practitioner, RemoteAppointment, RemotePatient, SourceKind } from '../domain';
import type { HttpSetup } from './http/client-factory';
import type { BudgetStatus } from './http/daily-budget';

/** A record the connector skipped because it could not read it; the message names no patient. */
export interface RecordError {
  kind: 'invalid_data';
  externalId: string | null;
  message: string;
}

/** One page of mapped records, as the remote API paged them. */
export interface Page<T> {
  records: T[];
  errors: RecordError[];
  /**
   * Remote ids of records the API reports as deleted in place of a record (Cliniko's hard-delete
   * stubs: only `id`, `deleted_at` and `links`). The sync marks the cached ones removed.
   */
  deletedIds: string[];
  /** How many records the whole listing holds, when the API says (Cliniko patients). */
  totalEntries?: number;
  /** The newest remote modification time among this page's records (ISO-8601 UTC), for cursors. */
  maxRemoteUpdatedAt: string | null;
  /**
   * Where the API's paging tells (Cliniko): true on the page handed over after every other page of
   * the listing, false while another is still to come. Pages fetched side by side arrive out of
   * order, so only this says which one completes the listing. Absent: the sync asks for the next page
   * to find out.
   */
  last?: boolean;
}

export interface ConnectionInfo {
  /** Who the key belongs to, when the API tells (Cliniko's GET /user; IntakeQ does not say). */
  userName: string | null;
  role: string | null;
  /** Cliniko's shard (au1, uk2 …) or "intakeq". */
  region: string;
  latencyMs: number;
  /** A short description of what the key can see, e.g. "4 practitioners". */
  accountLabel: string | null;
}

export interface ConnectorStats {
  /** Requests sent by this connector, retries included. */
  requests: number;
  /** Time this connector spent held back by rate limits or 429s. */
  rateLimitWaitMs: number;
  retries: number;
  /** The credential's daily budget, when it has one (IntakeQ). */
  dailyBudget: BudgetStatus | null;
}

export interface ConnectorCapabilities {
  /** The patient listing reports its total (Cliniko `total_entries`). */
  patientTotals: boolean;
  /** The API lists hard-deleted appointments (IntakeQ `deletedOnly`), see `deletedAppointments`. */
  hardDeletesVisible: boolean;
  /** Requests per day for this credential, or null without a daily cap. */
  dailyBudget: number | null;
  requestsPerMinute: number;
  /** How finely `updatedSince` filters on the server: Cliniko to the second, IntakeQ by whole days. */
  updatedSincePrecision: 'second' | 'day';
  /**
   * Whether the sync may run independent listings (practitioners, patients, the two appointment
   * windows) at the same time. The credential's gate still paces every request and caps how many are
   * in flight; a listing whose pages carry a total also fetches its remaining pages side by side.
   */
  listingsSideBySide: boolean;
}

export interface PatientQuery {
  /** ISO-8601 UTC; null for everything. */
  updatedSince: string | null;
  signal?: AbortSignal;
}

export interface AppointmentQuery {
  /**
   * Appointments starting at or after `from` and before `to` (ISO-8601 UTC); null leaves that side
   * open, so a pull of changes also brings appointments moved out of a window (before its start or
   * past its end).
   */
  from: string | null;
  to: string | null;
  updatedSince: string | null;
  signal?: AbortSignal;
}

/**
 * What the sync engine programs against. An instance is meant to serve one sync run: it caches the
 * reference data it needs to map appointments (appointment types, businesses, practitioners) for its
 * lifetime. Every method throws ConnectorError only.
 */
export interface Connector {
  readonly kind: SourceKind;
  /** The ClinicSync source id stamped on every mapped record. */
  readonly source: string;
  readonly capabilities: ConnectorCapabilities;
  testConnection(signal?: AbortSignal): Promise<ConnectionInfo>;
  /**
   * The practice's own IANA time zone when the API reports one (Cliniko: its businesses, else the key's
   * user), for the clinic's time zone; null when it names none. Absent where the API has none (IntakeQ).
   */
  practiceTimeZone?(signal?: AbortSignal): Promise<string | null>;
  practitioners(signal?: AbortSignal): AsyncIterable<Page<Practitioner>>;
  /** Archived patients included (`archived: true`). */
  patients(query: PatientQuery): AsyncIterable<Page<RemotePatient>>;
  /** Cancelled (and, where visible, archived or deleted) appointments included. */
  appointments(query: AppointmentQuery): AsyncIterable<Page<RemoteAppointment>>;
  /**
   * Appointments deleted upstream since `since` (ISO-8601 UTC). IntakeQ cannot filter deletions by
   * time and lists about the last ten days whatever is asked, so it may return older ones too
   * (marking those removed again is harmless).
   */
  deletedAppointments?(query: { since: string; signal?: AbortSignal }): AsyncIterable<Page<{ externalId: string }>>;
  /**
   * Patients deleted upstream lately (IntakeQ `deletedOnly`: about the last ten days, whatever is
   * asked). Without it, and without `patientTotal`, only a full patient pull shows deletions.
   */
  deletedPatients?(query: { signal?: AbortSignal }): AsyncIterable<Page<{ externalId: string }>>;
  /**
   * How many patients the API lists (archived included) for one small request (Cliniko's
   * `total_entries`), so an incremental sync can tell whether patients were deleted upstream.
   */
  patientTotal?(signal?: AbortSignal): Promise<number>;
  /**
   * How many appointments starting in [from, to) the API lists that are not archived or deleted
   * (cancelled ones included), for one small request (Cliniko's `total_entries`): an incremental sync
   * compares it with the cache to see appointments deleted upstream without listing the window whole.
   */
  appointmentTotal?(query: { from: string; to: string; signal?: AbortSignal }): Promise<number>;
  /** The full record for one appointment (IntakeQ's single GET has fields list rows lack); null when gone. */
  appointmentDetail?(externalId: string, signal?: AbortSignal): Promise<RemoteAppointment | null>;
  /**
   * Appointments by id, wherever they now start (archived and cancelled ones included); ids not found
   * are absent. Lets reconciliation tell an appointment moved out of a window from a deleted one.
   */
  appointmentsByExternalIds?(ids: readonly string[], signal?: AbortSignal): Promise<Page<RemoteAppointment>>;
  /** Patients by id, for discovery from appointments; ids not found are simply absent. */
  patientsByExternalIds?(ids: readonly string[], signal?: AbortSignal): Promise<Page<RemotePatient>>;
  stats(): ConnectorStats;
}

/**
 * What a connector needs from its host: the budget store (the cache), and optionally a fetch, a clock,
 * a sleeper, a wait listener for progress, a time scale for compressed emulators, limit overrides
 * (e.g. an IntakeQ plan with more requests per minute), a per-try timeout (default 45 s) and a
 * gate registry (default: one per process, since limits are per credential).
 */
export interface ConnectorDeps extends HttpSetup {
  /** The email Cliniko asks for in the User-Agent, so they can reach the integrator. */
  userAgentContact?: string;
}
