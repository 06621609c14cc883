import type { ErrorKind, SyncRun } from '../domain';
import { whenPhrase } from './wording';

/**
 * How long after a failure each retry of a scheduled or catch-up run waits: 5, 15 and 45 minutes.
 * Then it waits for the next slot, which syncs everything anyway.
 */
export const RETRY_BACKOFF_MS = [5, 15, 45].map((minutes) => minutes * 60_000);

// A refused key or permission needs a person; trying again would only fail the same way.
const NEEDS_A_PERSON: ReadonlySet<ErrorKind> = new Set(['credentials_invalid', 'permission_denied']);

/** A source whose latest run was scheduled (or a catch-up or a retry) and failed. */
export interface FailedScheduledRun {
  runId: number;
  source: string;
  failedAt: Date;
  /** Retries already made since its slot's run failed (0 after the first failure). */
  retries: number;
}

/** When the next retry of a failed run is due, or null when its retries are used up. */
export function retryDueAt(failed: FailedScheduledRun): Date | null {
  const wait = RETRY_BACKOFF_MS[failed.retries];
  return wait === undefined ? null : new Date(failed.failedAt.getTime() + wait);
}

/** A retry that will happen: which failed run, when, and which attempt it is. */
export interface PendingRetry {
  failed: FailedScheduledRun;
  at: Date;
  attempt: number;
  attempts: number;
}

/**
 * The retries still to make, soonest first: one per failed run with retries left, and only those due
 * before the next slot (`nextSlot`), since that slot syncs every source anyway.
 */
export function pendingRetries(failed: readonly FailedScheduledRun[], nextSlot: Date | null): PendingRetry[] {
  return failed
    .flatMap((run) => {
      const at = retryDueAt(run);
      if (!at || (nextSlot && at >= nextSlot)) return [];
      return [{ failed: run, at, attempt: run.retries + 1, attempts: RETRY_BACKOFF_MS.length }];
    })
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** "Run 12 failed; it is retried today at 03:05 (attempt 1 of 3)." */
export function retryWaitReason(retry: PendingRetry, zone: string, now: Date): string {
  return `Run ${retry.failed.runId} failed; it is retried ${whenPhrase(retry.at, zone, now)} (attempt ${retry.attempt} of ${retry.attempts}).`;
}

/**
 * The failed scheduled run of one source, from its runs newest first: its latest run failed and was
 * started by the schedule, counted with the retries that followed its slot. A manual run, or any run
 * that did not fail, ends the chain — a person (or a success) has taken over. A run that failed on
 * its key or permissions is not retried.
 */
export function failedScheduledRun(newestFirst: readonly SyncRun[]): FailedScheduledRun | null {
  const latest = newestFirst[0];
  if (!latest || latest.status !== 'failed' || latest.trigger === 'manual') return null;
  if (latest.errors.some((error) => NEEDS_A_PERSON.has(error.kind))) return null;
  let retries = 0;
  for (const run of newestFirst) {
    if (run.status !== 'failed' || run.trigger === 'manual') break;
    if (run.trigger !== 'retry') break;
    retries++;
  }
  return { runId: latest.id, source: latest.source, failedAt: new Date(latest.finishedAt ?? latest.startedAt), retries };
}
