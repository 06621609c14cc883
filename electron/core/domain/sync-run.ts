import type { BudgetPlan } from './budget-plan';

export const SYNC_TRIGGERS = ['manual', 'scheduled', 'catch_up', 'retry'] as const;
export type SyncTrigger = (typeof SYNC_TRIGGERS)[number];

export const SYNC_RUN_STATUSES = [
  'queued',
  'running',
  'completed',
  'partial_success',
  'failed',
  'cancelled',
  'deferred',
  'abandoned',
] as const;
export type SyncRunStatus = (typeof SYNC_RUN_STATUSES)[number];

export const SYNC_PHASES = [
  'connect',
  'practitioners',
  'patients',
  'appointments_back',
  'enrich',
  'appointments_forward',
  'appointments_day',
  'reconcile',
] as const;
export type SyncPhase = (typeof SYNC_PHASES)[number];

/** What each phase is called wherever a person reads it (console, CLI, activity log). */
export const PHASE_LABELS: Record<SyncPhase, string> = {
  connect: 'Checking the connection',
  practitioners: 'Practitioners',
  patients: 'Patients',
  appointments_back: 'Past appointments',
  enrich: 'Appointment details',
  appointments_forward: 'Upcoming appointments',
  appointments_day: 'The day’s appointments',
  reconcile: 'Checking for deleted records',
};

export const SYNC_MODES = ['incremental', 'full', 'patients_only', 'upcoming_only', 'reconcile_only', 'day'] as const;
export type SyncMode = (typeof SYNC_MODES)[number];

/** A run's kind in the activity log's words ("Manual sync of Northside started"): never "incremental". */
export const SYNC_MODE_WORDS: Record<SyncMode, string> = {
  incremental: 'sync',
  full: 'full sync',
  patients_only: 'patients-only sync',
  upcoming_only: 'upcoming-appointments sync',
  reconcile_only: 'check for deleted records',
  day: 'one-day refresh',
};

/** The modes a sync can be started in by name; `day` needs its day (the day sheet's "Refresh this day"). */
export const STARTABLE_SYNC_MODES = [
  'incremental',
  'full',
  'patients_only',
  'upcoming_only',
  'reconcile_only',
] as const satisfies readonly SyncMode[];

/** The error taxonomy shared by connectors, runs and the UI. */
export const ERROR_KINDS = [
  'credentials_invalid',
  'permission_denied',
  'connection_failed',
  'rate_limited',
  'budget_exhausted',
  'invalid_data',
  'server_error',
  'not_found',
  'cancelled',
  'internal',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export interface SyncScope {
  sources: string[];
  mode: SyncMode;
  phases: SyncPhase[];
  daysBack: number;
  daysForward: number;
  /** A `day` run's one window: a clinic day's bounds, [from, to). */
  window?: { from: string; to: string };
  /** A source with a daily budget: what the budget planner chose for this run, and what it skipped. */
  plan?: BudgetPlan;
}

export interface SyncCounts {
  patientsTotal: number;
  patientsFound: number;
  patientsNew: number;
  patientsUpdated: number;
  patientsUnchanged: number;
  patientsFailed: number;
  patientsDiscovered: number;
  patientsUnaffiliated: number;
  /** Patients deleted upstream and marked removed by this run. */
  patientsRemoved: number;
  appointmentsNew: number;
  appointmentsUpdated: number;
  appointmentsUnchanged: number;
  appointmentsCancelled: number;
  appointmentsRemoved: number;
  appointmentsFailed: number;
  /**
   * Appointments asked for by id because a window no longer listed them (moved out of it, or gone):
   * with IntakeQ one request each, against the daily budget.
   */
  appointmentsLookedUp: number;
  errors: number;
}

export interface SyncRunError {
  kind: ErrorKind;
  message: string;
  at: string;
}

export interface SyncRun {
  id: number;
  source: string;
  /** The source by the name staff know: its current name, or its last one with "(removed)" after removal. */
  sourceName: string;
  trigger: SyncTrigger;
  scope: SyncScope;
  status: SyncRunStatus;
  startedAt: string;
  finishedAt: string | null;
  heartbeatAt: string | null;
  durationMs: number | null;
  counts: SyncCounts;
  apiRequests: number;
  rateLimitWaitMs: number;
  cursorBefore: Record<string, string> | null;
  cursorAfter: Record<string, string> | null;
  /** e.g. "651 of 651 patients, matches Cliniko" */
  countCheck: string | null;
  resumeAt: string | null;
  errors: SyncRunError[];
  /** The desk of the clinic hub that ran it; null when this desk did (or there is no hub). */
  desk: string | null;
}

export function emptySyncCounts(): SyncCounts {
  return {
    patientsTotal: 0,
    patientsFound: 0,
    patientsNew: 0,
    patientsUpdated: 0,
    patientsUnchanged: 0,
    patientsFailed: 0,
    patientsDiscovered: 0,
    patientsUnaffiliated: 0,
    patientsRemoved: 0,
    appointmentsNew: 0,
    appointmentsUpdated: 0,
    appointmentsUnchanged: 0,
    appointmentsCancelled: 0,
    appointmentsRemoved: 0,
    appointmentsFailed: 0,
    appointmentsLookedUp: 0,
    errors: 0,
  };
}

/**
 * The name a run's source goes by in history: the source's current name while it exists; once removed,
 * the name it had then, marked "(removed)" — or its id, for sources removed before names were kept.
 */
export function runSourceName(source: string, currentName: string | null, removedName: string | null): string {
  return currentName ?? `${removedName ?? source} (removed)`;
}
