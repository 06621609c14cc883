import {
  emptySyncCounts,
  runSourceName,
  type SyncCounts,
  type SyncRun,
  type SyncRunError,
  type SyncRunStatus,
  type SyncScope,
  type SyncTrigger,
} from '../../domain';
import { fromJson } from '../sql-values';

export interface RunRow {
  id: number;
  source: string;
  trigger_kind: SyncTrigger;
  status: SyncRunStatus;
  scope: string;
  started_at: string;
  finished_at: string | null;
  heartbeat_at: string | null;
  duration_ms: number | null;
  counts: string;
  api_requests: number;
  rate_limit_wait_ms: number;
  cursor_before: string | null;
  cursor_after: string | null;
  count_check: string | null;
  resume_at: string | null;
  errors: string;
  removed_source_name: string | null;
  /** Joined in by RUN_SELECT: the source's name now, null once it is removed. */
  current_source_name: string | null;
  /** From migration 0008_hub_outbox (the clinic hub). */
  desk?: string | null;
}

/** Every column of a run, and the name its source has now (read with each run, so history names it). */
export const RUN_SELECT = 'SELECT *, (SELECT name FROM sources WHERE sources.id = sync_runs.source) AS current_source_name FROM sync_runs';

export function toSyncRun(row: RunRow): SyncRun {
  return {
    id: row.id,
    source: row.source,
    sourceName: runSourceName(row.source, row.current_source_name, row.removed_source_name),
    trigger: row.trigger_kind,
    scope: JSON.parse(row.scope) as SyncScope,
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    heartbeatAt: row.heartbeat_at,
    durationMs: row.duration_ms,
    // Counts added in later versions read as 0 for older runs.
    counts: { ...emptySyncCounts(), ...(JSON.parse(row.counts) as Partial<SyncCounts>) },
    apiRequests: row.api_requests,
    rateLimitWaitMs: row.rate_limit_wait_ms,
    cursorBefore: fromJson<Record<string, string>>(row.cursor_before),
    cursorAfter: fromJson<Record<string, string>>(row.cursor_after),
    countCheck: row.count_check,
    resumeAt: row.resume_at,
    errors: JSON.parse(row.errors) as SyncRunError[],
    desk: row.desk ?? null,
  };
}
