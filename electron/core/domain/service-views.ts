import type { ActivityEvent } from './activity';
import type { Appointment } from './appointment';
import type { CachedPatient } from './cache-queries';
import type { AppointmentChange } from './change';
import type { Organization, PatientNote } from './local-data';
import type { SourceKind } from './source';
import type { ErrorKind, SyncPhase, SyncRunStatus } from './sync-run';

/** What the application service answers with: shapes every face shows as they are. */

export type SourceHealth = 'never_synced' | 'healthy' | 'warning' | 'failing' | 'syncing';

/** A source as the console shows it: never its key, only whether one is stored. */
export interface SourceView {
  id: string;
  kind: SourceKind;
  name: string;
  baseUrl: string | null;
  createdAt: string;
  hasCredential: boolean;
  /** The built-in emulated practice. */
  demo: boolean;
  patientsCached: number;
  patientsUnaffiliated: number;
  syncing: boolean;
  lastRun: {
    id: number;
    status: SyncRunStatus;
    startedAt: string;
    finishedAt: string | null;
    resumeAt: string | null;
    /** The kind of the run's first error (credentials_invalid tells the key was refused). */
    errorKind: ErrorKind | null;
  } | null;
  /** When the source last synced successfully. */
  lastSuccessAt: string | null;
  health: SourceHealth;
  /** The key's daily request budget (IntakeQ); null where the API has none. */
  budget: { used: number; limit: number; resetsAt: string } | null;
  /**
   * Set when this desk has joined a clinic hub and holds no API key for the source: it is kept up to
   * date from the hub by the desk that pulls it (named from the latest run copied from it, null until
   * one arrives). A missing key is then expected, not a problem. Null otherwise.
   */
  followedThroughHub: { pulledBy: string | null } | null;
}

export interface ConnectionTestResult {
  userName: string | null;
  role: string | null;
  region: string;
  latencyMs: number;
  accountLabel: string | null;
  /**
   * The practice's IANA time zone when the source reports one (Cliniko), offered as the clinic's time
   * zone; null when it names none (IntakeQ's API has no practice zone).
   */
  timeZone: string | null;
}

export interface SourceRemovalResult {
  patients: number;
  appointments: number;
  notes: number;
  organizationLinks: number;
}

/** A live run's progress, at most about ten a second per source. */
export interface SyncProgressView {
  runId: number;
  source: string;
  phase: SyncPhase;
  /** 1-based step of the run's phases. */
  step: number;
  steps: number;
  done: number;
  total: number | null;
  /** 0–100 over the whole run, or null while it cannot be estimated. */
  percent: number | null;
  /** Seconds until the whole run ends (every step left, rate-limit waits included); null while unknown. */
  etaSeconds: number | null;
  requests: number;
  /** ISO time the run is waiting for a rate limit until, or null. */
  waitingUntil: string | null;
}

/** An activity line as it happens (it gets its id when stored). */
export type ActivityLine = Omit<ActivityEvent, 'id'>;

export interface ScheduleStatusView {
  /** Enabled and not paused. */
  active: boolean;
  paused: boolean;
  /** e.g. "Every night at 03:00 (Australia/Sydney)". */
  description: string;
  nextRunAt: string | null;
  lastRun: { at: string; status: SyncRunStatus } | null;
  /** A deferred run waiting for its budget to reset. */
  resumeAt: string | null;
  /** The next automatic retry of a failed scheduled run (never later than the next slot). */
  retry: { at: string; runId: number; attempt: number; attempts: number } | null;
}

export interface SyncStatusView {
  active: SyncProgressView[];
  schedule: ScheduleStatusView;
}

export interface OrganizationView extends Organization {
  patientCount: number;
}

export interface PatientDetail {
  patient: CachedPatient;
  sourceName: string;
  /** Newest first. */
  past: Appointment[];
  /** Soonest first. */
  upcoming: Appointment[];
  notes: PatientNote[];
  organizations: Organization[];
}

/** A change with whom it concerns, for the morning work-list. */
export interface ChangeView extends AppointmentChange {
  patientId: number | null;
  patientName: string | null;
  sourceName: string;
}

export interface SupportBundleResult {
  path: string;
  bytes: number;
}

/** Settings' "Check the cache now": every page read and verified. */
export interface CacheCheckResult {
  sound: boolean;
  /** What was found and what happens next, in plain words. */
  message: string;
}

/** A source this desk brings up to date from the clinic hub instead of its API, and why. */
export interface FromHub {
  source: string;
  reason: string;
  /**
   * Records from the other desks applied when this start waited for them (every asked source is
   * followed); null when they arrive with the end of this desk's own pulls.
   */
  applied: number | null;
}
