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

type SourceFacts = Pick<SourceView, 'syncing' | 'health' | 'hasCredential' | 'lastRun'>;

/** The source's problem, or null while it is fine, syncing, or has not synced yet for no fault of its own. */
export function sourceProblem(source: SourceFacts): SourceProblem | null {
  if (source.syncing) return null;
  if (!source.hasCredential) return { tone: 'danger', title: 'Cannot sync', reason: 'no API key is stored' };
  const run = source.lastRun;
  const reason = run?.errorKind ? REASONS[run.errorKind] : null;
  if (run && (run.status === 'failed' || run.status === 'abandoned')) {
    return { tone: 'danger', title: 'Sync failed', reason: reason ?? 'the last sync did not finish' };
  }
  if (run?.status === 'deferred') return { tone: 'warn', title: 'Sync waiting', reason: reason ?? 'it continues later' };
  if (run?.status === 'partial_success' || source.health === 'warning') {
    return { tone: 'warn', title: 'Needs attention', reason: reason ?? 'some records could not be synced' };
  }
  if (source.health === 'failing') return { tone: 'danger', title: 'Sync failed', reason: reason ?? 'recent syncs failed' };
  return null;
}
