import type { ErrorKind, SourceView } from '@contract';

/** Why a source needs someone: shown as an error (never grey) in the header, on Sync and in Settings. */
export interface SourceProblem {
  tone: 'danger' | 'warn';
  /** "Sync failed", in the header's label. */
  title: string;
  /** The reason in plain words, short enough for the header: "the API key was refused". */
  reason: string;
}

/** Each failure in words a receptionist can act on (the run's own message, in History, has the detail). */
const REASONS: Record<ErrorKind, string> = {
  credentials_invalid: 'the API key was refused',
  permission_denied: 'the key may not read patients or appointments',
  connection_failed: 'could not connect',
  rate_limited: 'the service asked ClinicSync to slow down',
  budget_exhausted: 'today’s request limit is used up',
  invalid_data: 'the service sent data ClinicSync could not read',
  server_error: 'the service had a problem on its side',
  not_found: 'the account or address was not found',
  cancelled: 'it was stopped',
  internal: 'ClinicSync hit an internal error',
};

type SourceFacts = Pick<SourceView, 'syncing' | 'hasCredential' | 'lastRun' | 'followedThroughHub'>;

/**
 * The source's problem, from its latest run, or null while it is fine, syncing, stopped by someone
 * (cancelled), or has not synced yet. A desk that follows the source through the clinic hub needs no
 * key of its own (the desk that pulls has it), so only a missing key on a desk that would pull is one.
 */
export function sourceProblem(source: SourceFacts): SourceProblem | null {
  if (source.syncing) return null;
  if (!source.hasCredential && !source.followedThroughHub) return { tone: 'danger', title: 'Cannot sync', reason: 'no API key is stored' };
  const run = source.lastRun;
  const reason = run?.errorKind ? REASONS[run.errorKind] : null;
  switch (run?.status) {
    case 'failed':
    case 'abandoned':
      return { tone: 'danger', title: 'Sync failed', reason: reason ?? 'the last sync did not finish' };
    case 'deferred':
      return { tone: 'warn', title: 'Sync waiting', reason: reason ?? 'it continues later' };
    case 'partial_success':
      return { tone: 'warn', title: 'Partly synced', reason: reason ?? 'some records could not be synced' };
    default:
      return null;
  }
}
