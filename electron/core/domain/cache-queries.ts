import type { AppointmentStatus } from './appointment';
import type { ChangeKind } from './change';
import type { Patient } from './patient';
import type { SyncRunStatus } from './sync-run';

/**
 * A patient as the cache holds it: a local id that local-only data points at, and a remote id that
 * is null while the patient exists only locally (not yet matched to the source).
 */
export type CachedPatient = Omit<Patient, 'externalId' | 'lastSyncedAt'> & {
  id: number;
  externalId: string | null;
  lastSyncedAt: string | null;
  /** When a sync found the patient removed upstream (null unless `deleted`). */
  removedAt: string | null;
};

export const ROSTER_SORT_FIELDS = ['name', 'dateOfBirth', 'nextAppointment', 'lastSyncedAt'] as const;
export type RosterSortField = (typeof ROSTER_SORT_FIELDS)[number];

/** Filters are ANDed; an omitted filter does not restrict. */
export interface RosterQuery {
  /** Words matched against name, email and phone (each word must match somewhere). */
  search?: string;
  source?: string;
  organizationId?: number;
  /** true: in at least one organization; false: in none. */
  affiliated?: boolean;
  hasUpcoming?: boolean;
  /** Status of the patient's next appointment. */
  status?: AppointmentStatus;
  archived?: boolean;
  /** Patients marked removed upstream. */
  removed?: boolean;
  /** false: patients known only locally, not yet matched to a remote record. */
  hasRemoteId?: boolean;
  /** Missing values (no birth date, no upcoming appointment, never synced) sort as the largest. */
  sort: { field: RosterSortField; dir: 'asc' | 'desc' };
  offset: number;
  limit: number;
  /** "Next appointment" means the first active one starting at or after this instant. */
  nowIso: string;
  /**
   * How to count the matches (default 'auto'): 'auto' is exact where that is cheap and capped at
   * ROSTER_TOTAL_CAP for a broad search; 'exact' always counts them all; 'none' returns rows only
   * (for the further windows of a filter whose total is already known).
   */
  count?: RosterCountMode;
}

export const ROSTER_COUNT_MODES = ['auto', 'exact', 'none'] as const;
export type RosterCountMode = (typeof ROSTER_COUNT_MODES)[number];
/** A broad search counts its matches up to this many; beyond it the roster says "1,000+". */
export const ROSTER_TOTAL_CAP = 1000;

export interface NextAppointmentSummary {
  externalId: string;
  startsAt: string;
  endsAt: string | null;
  practitionerName: string | null;
  status: AppointmentStatus;
  telehealthUrl: string | null;
}

export interface RosterRow extends CachedPatient {
  organizations: Array<{ id: number; name: string }>;
  nextAppointment: NextAppointmentSummary | null;
}

export interface RosterPage {
  /** Patients matching; null when the query asked for rows only (`count: 'none'`). */
  total: number | null;
  /** True when `total` is ROSTER_TOTAL_CAP and more patients match than that. */
  totalIsCapped: boolean;
  rows: RosterRow[];
}

/** A page whose total was counted (any `count` but 'none'). */
export type CountedRosterPage = RosterPage & { total: number };

/** The roster's counters over the whole cache, leaving out patients removed upstream. */
export interface RosterCounts {
  all: number;
  withUpcoming: number;
  unaffiliated: number;
}

export interface ChangeQuery {
  /** Only changes detected at or after this instant. */
  since?: string;
  source?: string;
  kinds?: ChangeKind[];
  /** Leave out the "new" rows of each source's first sync: its initial load, not news. */
  hideInitialLoad?: boolean;
  /** The work-list: only changes still to do, plus those marked done at or after this instant. */
  openSince?: string;
  limit: number;
  offset: number;
}

export interface SyncRunQuery {
  source?: string;
  status?: SyncRunStatus;
  limit: number;
  offset: number;
}

/**
 * Sync history at a glance. "Succeeded" counts completed and partial_success runs; "failed" counts
 * failed and abandoned runs; cancelled, deferred and unfinished runs are neither.
 */
export interface SyncRunStats {
  total: number;
  succeeded: number;
  failed: number;
  lastSuccessAt: string | null;
  /** Mean duration of succeeded runs. */
  averageDurationMs: number | null;
  failuresLast24h: number;
  /** succeeded / (succeeded + failed) over runs started in the last 7 days; null when there were none. */
  successRate7d: number | null;
}

/** How many of a source's patients (not removed upstream) are matched to a remote record. */
export interface ClientIdCoverage {
  source: string;
  withRemoteId: number;
  withoutRemoteId: number;
  /** 0–100 with one decimal; null when the source has no patients. */
  percentWithRemoteId: number | null;
}
