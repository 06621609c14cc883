import type { ErrorKind, SyncRunStatus } from '../domain';
import { ConnectorError } from '../connectors/errors';
import { LockLostError } from './run-context';

export interface RunEnding {
  status: SyncRunStatus;
  resumeAt: string | null;
  error: { kind: ErrorKind; message: string } | null;
}

/** Whether the thrown value is a cancellation, however it surfaced (our signal, fetch, the connector). */
export function isCancellation(err: unknown, signal: AbortSignal): boolean {
  if (err instanceof ConnectorError) return err.kind === 'cancelled';
  return signal.aborted && err instanceof Error && (err.name === 'AbortError' || err === signal.reason);
}

/** How a run ends when a phase throws. */
export function endingFor(err: unknown, signal: AbortSignal): RunEnding {
  if (isCancellation(err, signal)) return { status: 'cancelled', resumeAt: null, error: null };
  if (err instanceof LockLostError) return { status: 'failed', resumeAt: null, error: { kind: 'internal', message: err.message } };
  if (err instanceof ConnectorError) {
    if ((err.kind === 'budget_exhausted' || err.kind === 'rate_limited') && err.resumeAt) {
      return { status: 'deferred', resumeAt: err.resumeAt.toISOString(), error: { kind: err.kind, message: err.message } };
    }
    return { status: 'failed', resumeAt: null, error: { kind: err.kind, message: err.message } };
  }
  return {
    status: 'failed',
    resumeAt: null,
    error: { kind: 'internal', message: 'ClinicSync hit an unexpected problem during the sync. The details were written to its log.' },
  };
}

/** A run that got through every phase: completed, or partial_success when records were skipped. */
export function endingForSuccess(errors: number): RunEnding {
  return { status: errors > 0 ? 'partial_success' : 'completed', resumeAt: null, error: null };
}
