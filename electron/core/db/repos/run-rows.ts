import {
  emptySyncCounts,
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
  /** From migration 0004_hub_outbox (the clinic hub). */
  desk?: string | null;
}

export function toSyncRun(row: RunRow): SyncRun {
  return {
    id: row.id,
    source: row.source,
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
