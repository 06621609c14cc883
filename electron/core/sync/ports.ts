import type {
  ActivityLevel,
  Practitioner,
  RemoteAppointment,
  RemotePatient,
  SyncCounts,
  SyncRun,
  SyncRunError,
  SyncRunStatus,
  SyncScope,
  SyncTrigger,
} from '../domain';

export type UpsertOutcome = 'new' | 'updated' | 'unchanged';

/** What the engine needs from the cache; the cache implements it. */
export interface SyncStore {
  transaction<T>(fn: () => T): T;
  /** Writes the write-ahead log into the cache file (while the run waits anyway). */
  flushLog(): void;
  practitioners: { upsertPage(source: string, rows: Practitioner[]): void };
  patients: {
    /** With `runId`, the source's first load on this desk may leave the roster's indexes out until `finishFirstLoad`. */
    upsertPage(
      source: string,
      rows: RemotePatient[],
      syncedAt: string,
      runId?: number,
    ): Array<{ externalId: string; outcome: UpsertOutcome }>;
    /** Builds what run `runId` left out of the patients' indexes (nothing when it left nothing out). */
    finishFirstLoad(runId: number): void;
    /** Remote ids of the source's patients that are cached (with a remote id). */
    knownExternalIds(source: string, ids: readonly string[]): Set<string>;
    /** Links a locally created patient (no remote id yet) with the same email, case-insensitively. */
    linkByEmail(source: string, email: string, externalId: string): boolean;
    idsNotSeenSince(source: string, seenSince: string): string[];
    /** Returns how many were live and are now marked. */
    markRemoved(source: string, externalIds: readonly string[], at: string): number;
    /** Patients of the source not marked removed upstream. */
    count(source: string): { total: number; unaffiliated: number };
  };
  appointments: {
    upsertPage(
      source: string,
      rows: RemoteAppointment[],
      syncedAt: string,
      runId: number,
    ): Array<{ externalId: string; outcome: UpsertOutcome; becameCancelled: boolean }>;
    idsInWindowNotSeenSince(source: string, fromIso: string, toIso: string, seenSince: string): string[];
    /** The cached appointment with this remote id, if any. */
    get(source: string, externalId: string): { externalId: string; startsAt: string; deleted: boolean; lastSyncedAt: string } | null;
    /** Marks live ones removed, with a `removed` change each; returns how many. Ids not cached are skipped. */
    markRemoved(source: string, externalIds: readonly string[], at: string, runId: number): number;
    /** A first load's upcoming appointments are all in: its patients' next appointments are worked out now (else nothing). */
    settleNextAppointments(source: string, runId: number, nowIso: string): void;
    /** The same for every live appointment of these patients. */
    markRemovedOfPatients(source: string, patientExternalIds: readonly string[], at: string, runId: number): number;
  };
  cursors: {
    get(source: string, resource: string): string | null;
    set(source: string, resource: string, value: string): void;
  };
  runs: {
    create(input: { source: string; trigger: SyncTrigger; scope: SyncScope; startedAt: string }): number;
    heartbeat(runId: number, at: string, progress: { counts: SyncCounts; apiRequests: number; rateLimitWaitMs: number }): void;
    finish(
      runId: number,
      result: {
        status: SyncRunStatus;
        finishedAt: string;
        counts: SyncCounts;
        apiRequests: number;
        rateLimitWaitMs: number;
        cursorBefore: Record<string, string> | null;
        cursorAfter: Record<string, string> | null;
        countCheck: string | null;
        resumeAt: string | null;
        errors: SyncRunError[];
      },
    ): SyncRun;
  };
  locks: {
    acquire(source: string, runId: number, nowIso: string, staleAfterMs: number): boolean;
    /** False when the lock is no longer this run's (taken over as stale, or released). */
    heartbeat(source: string, runId: number, nowIso: string): boolean;
    release(source: string, runId: number): void;
  };
  activity: {
    append(event: { runId: number | null; source: string | null; at: string; level: ActivityLevel; message: string }): void;
  };
}
