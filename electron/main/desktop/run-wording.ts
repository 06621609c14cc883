import type { ErrorKind, SyncCounts, SyncRun, SyncRunStatus } from '../../core/domain/sync-run';
import type { FinishedSync } from './ports';

/** "completed", "failed"… as a short phrase after "Last sync". */
export const STATUS_WORDS: Record<SyncRunStatus, string> = {
  queued: 'waiting to start',
  running: 'running',
  completed: 'completed',
  partial_success: 'completed with problems',
  failed: 'failed',
  cancelled: 'cancelled',
  deferred: 'waiting for the API limit',
  abandoned: 'interrupted',
};

/** Fallbacks when a run carries no message of its own (messages from connectors are already plain words). */
const KIND_REASONS: Record<ErrorKind, string> = {
  credentials_invalid: 'The API key was not accepted. Check it in Settings → Sources.',
  permission_denied: 'The API key is not allowed to read everything ClinicSync needs.',
  connection_failed: 'ClinicSync could not reach the service. Check the internet connection.',
  rate_limited: 'The service asked ClinicSync to slow down.',
  budget_exhausted: 'The daily limit of API requests is used up.',
  invalid_data: 'The service sent data ClinicSync could not read.',
  server_error: 'The service had a server problem.',
  not_found: 'Something ClinicSync asked for no longer exists at the service.',
  cancelled: 'The sync was cancelled.',
  internal: 'ClinicSync hit an unexpected problem. The details are in its log.',
};

/** Runs that need someone to look: the tray shows its "needs attention" icon. */
export function needsAttention(status: SyncRunStatus): boolean {
  return status === 'failed' || status === 'partial_success' || status === 'abandoned';
}

function count(n: number, one: string, many: string = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "3 new and 12 changed appointments, 2 cancelled; 1 new patient", or "No changes". Counts only: never names. */
export function countsSummary(counts: SyncCounts): string {
  const appointments: string[] = [];
  if (counts.appointmentsNew) appointments.push(`${counts.appointmentsNew} new`);
  if (counts.appointmentsUpdated) appointments.push(`${counts.appointmentsUpdated} changed`);
  const parts: string[] = [];
  if (appointments.length) {
    const total = counts.appointmentsNew + counts.appointmentsUpdated;
    parts.push(`${appointments.join(' and ')} ${total === 1 ? 'appointment' : 'appointments'}`);
  }
  if (counts.appointmentsCancelled) parts.push(`${counts.appointmentsCancelled} cancelled`);
  if (counts.appointmentsRemoved) parts.push(`${counts.appointmentsRemoved} removed`);
  const patients = counts.patientsNew + counts.patientsDiscovered;
  if (patients) parts.push(count(patients, 'new patient'));
  if (counts.patientsUpdated) parts.push(count(counts.patientsUpdated, 'updated patient'));
  const summary = parts.length ? parts.join(', ') : 'No changes';
  return counts.errors ? `${summary}; ${count(counts.errors, 'record')} skipped` : summary;
}

/** Why a run failed or was deferred, in plain words; null when it did neither. */
export function reasonFor(run: Pick<SyncRun, 'status' | 'errors'>): string | null {
  if (run.status !== 'failed' && run.status !== 'deferred' && run.status !== 'abandoned') return null;
  if (run.status === 'abandoned') return 'ClinicSync was closed or stopped responding during the sync.';
  const first = run.errors[0];
  if (!first) return run.status === 'deferred' ? KIND_REASONS.budget_exhausted : KIND_REASONS.internal;
  // A deferral's own message repeats the resume time in UTC; the notification says it in clinic time.
  if (run.status === 'deferred') return KIND_REASONS[first.kind];
  return first.message || KIND_REASONS[first.kind];
}

/** For the service's adapter: a finished run as the desktop port reports it. */
export function finishedSyncFromRun(run: SyncRun, sourceName: string | null): FinishedSync {
  return {
    trigger: run.trigger,
    status: run.status,
    finishedAt: run.finishedAt ?? run.startedAt,
    sourceName,
    summary: countsSummary(run.counts),
    reason: reasonFor(run),
    resumeAt: run.resumeAt,
  };
}
