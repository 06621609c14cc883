import type { SyncRunStatus, SyncTrigger } from '../../core/domain/sync-run';

/**
 * What the desktop shell (tray, notifications, taskbar progress, keep-awake) needs from the
 * application. The application service adapts itself to this port; the desktop modules import
 * nothing else from the core's behaviour, so they are tested with a fake of it.
 *
 * Rules for an implementation:
 * - Times are ISO-8601 UTC strings; the shell formats them in `status().timeZone`.
 * - Every text field (`summary`, `reason`) is plain words for clinic staff: no stack traces, no
 *   secrets, no patient names or birth dates (notifications show on lock screens).
 * - Subscriptions return an unsubscribe function. Callbacks may be called synchronously.
 */
export interface DesktopAppPort {
  /**
   * Starts a manual sync of every source. Resolves once the sync has started (not when it ends:
   * the end arrives through `onSyncFinished` with trigger `manual`). Rejects with a
   * UserFacingError when it cannot start (no sources, already running…); its message is shown.
   */
  syncNow(): Promise<void>;
  /** Cancels every running sync (cooperatively; each run ends as `cancelled`). */
  cancel(): void;
  /** A snapshot of the state the tray shows. Cheap: called on every event. */
  status(): DesktopStatus;
  /** Pauses or resumes the schedule, and persists that choice. */
  setPaused(paused: boolean): void;
  /** Live progress of the running sync(s), combined into one figure; at most ~10 a second. */
  onSyncProgress(listener: (progress: DesktopProgress) => void): () => void;
  /** Each run that ended (one per source), whatever its trigger and status. */
  onSyncFinished(listener: (finished: FinishedSync) => void): () => void;
  /** Anything else in `status()` changed: a sync started, the schedule was edited or paused, next run moved. */
  onStatusChanged(listener: () => void): () => void;
}

export interface DesktopStatus {
  /** A sync of any source is running. */
  syncing: boolean;
  /** The most recent finished run, or null before the first one. */
  lastRun: LastRunView | null;
  /** The next scheduled run, or null when none is scheduled (paused, or no schedule enabled). */
  nextRun: string | null;
  /** The schedule is paused by the user. */
  paused: boolean;
  /** A deferred run waits for its rate-limit budget and continues at this time; else null. */
  resumeAt: string | null;
  /** A failed scheduled run is retried automatically at this time (attempt n of m); else null. */
  retry: { at: string; attempt: number; attempts: number } | null;
  /** The clinic's IANA time zone (the schedule's), for showing times. */
  timeZone: string;
}

export interface LastRunView {
  status: SyncRunStatus;
  finishedAt: string;
  /** e.g. "12 new and 3 changed appointments" or the failure reason; may be empty. */
  summary: string;
}

export interface DesktopProgress {
  /** 0–100, or null when the total is not known yet (shown as indeterminate). */
  percent: number | null;
}

export interface FinishedSync {
  trigger: SyncTrigger;
  /** A final status: completed, partial_success, failed, cancelled, deferred or abandoned. */
  status: SyncRunStatus;
  finishedAt: string;
  /** The source's display name ("Cliniko – Northside"), or null for a sync of everything. */
  sourceName: string | null;
  /** What changed, in plain words ("12 new and 3 changed appointments"). */
  summary: string;
  /** Why it failed or was deferred, in plain words; null when it did not. */
  reason: string | null;
  /** For a deferred run: when it continues. */
  resumeAt: string | null;
}
