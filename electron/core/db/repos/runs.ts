import {
  emptySyncCounts,
  type SyncCounts,
  type SyncRun,
  type SyncRunError,
  type SyncRunQuery,
  type SyncRunStats,
  type SyncRunStatus,
  type SyncScope,
  type SyncTrigger,
} from '../../domain';
import { toJson } from '../sql-values';
import type { FirstLoadDeferral } from '../first-load-deferral';
import type { Db } from '../sqlite';
import { createStatementCache, whereClause } from '../statement-cache';
import { shiftTime, toStoredTime } from '../timestamps';
import type { NextAppointments } from './next-appointments';
import { RUN_SELECT, toSyncRun, type RunRow } from './run-rows';

export interface NewRun {
  source: string;
  trigger: SyncTrigger;
  scope: SyncScope;
  startedAt: string;
  status?: 'queued' | 'running';
  cursorBefore?: Record<string, string> | null;
}

/** Fields a running sync reports as it goes; omitted fields keep their value. */
export interface RunProgress {
  status?: SyncRunStatus;
  heartbeatAt?: string;
  counts?: SyncCounts;
  apiRequests?: number;
  rateLimitWaitMs?: number;
  errors?: SyncRunError[];
}

export interface RunResult extends RunProgress {
  status: SyncRunStatus;
  finishedAt: string;
  countCheck?: string | null;
  resumeAt?: string | null;
  cursorBefore?: Record<string, string> | null;
  cursorAfter?: Record<string, string> | null;
}

const ABANDONED_MESSAGE = 'The run stopped without finishing (ClinicSync was closed or stopped responding).';
const DAY_MS = 86_400_000;

export type RunsRepo = ReturnType<typeof createRunsRepo>;

export function createRunsRepo(db: Db, nextAppointments: NextAppointments, firstLoad: FirstLoadDeferral) {
  const insert = db.prepare(`INSERT INTO sync_runs
      (source, trigger_kind, status, scope, started_at, heartbeat_at, counts, cursor_before)
    VALUES (@source, @trigger, @status, @scope, @startedAt, @heartbeatAt, @counts, @cursorBefore)`);
  const byId = db.prepare(`${RUN_SELECT} WHERE id = ?`);
  // coalesce: an omitted (null) field keeps its value.
  const progress = db.prepare(`UPDATE sync_runs SET
      status = coalesce(@status, status), heartbeat_at = coalesce(@heartbeatAt, heartbeat_at),
      counts = coalesce(@counts, counts), api_requests = coalesce(@apiRequests, api_requests),
      rate_limit_wait_ms = coalesce(@rateLimitWaitMs, rate_limit_wait_ms), errors = coalesce(@errors, errors),
      finished_at = coalesce(@finishedAt, finished_at),
      duration_ms = CASE WHEN @finishedAt IS NULL THEN duration_ms
        ELSE CAST(round((julianday(@finishedAt) - julianday(started_at)) * 86400000) AS INTEGER) END,
      count_check = coalesce(@countCheck, count_check), resume_at = coalesce(@resumeAt, resume_at),
      cursor_before = coalesce(@cursorBefore, cursor_before), cursor_after = coalesce(@cursorAfter, cursor_after)
    WHERE id = @id`);
  const abandon = db.prepare(`UPDATE sync_runs SET
      status = 'abandoned',
      finished_at = coalesce(heartbeat_at, started_at),
      duration_ms = CAST(round((julianday(coalesce(heartbeat_at, started_at)) - julianday(started_at)) * 86400000) AS INTEGER),
      errors = json_insert(errors, '$[#]',
        json_object('kind', 'internal', 'message', @message, 'at', coalesce(heartbeat_at, started_at)))
    WHERE status IN ('queued', 'running') AND (coalesce(heartbeat_at, started_at) < @olderThan OR id IN (SELECT value FROM json_each(@ids)))
    RETURNING id`);
  const setOwner = db.prepare('UPDATE sync_runs SET owner = ? WHERE id = ?');
  const unfinished = db.prepare(`SELECT id, source, owner FROM sync_runs WHERE status IN ('queued', 'running') ORDER BY id`);
  const freeLocks = db.prepare('DELETE FROM sync_locks WHERE run_id IN (SELECT value FROM json_each(?))');
  const stats = db.prepare(`SELECT
      count(*) AS total,
      coalesce(sum(status IN ('completed', 'partial_success')), 0) AS succeeded,
      coalesce(sum(status IN ('failed', 'abandoned')), 0) AS failed,
      max(CASE WHEN status IN ('completed', 'partial_success') THEN finished_at END) AS lastSuccessAt,
      round(avg(CASE WHEN status IN ('completed', 'partial_success') THEN duration_ms END)) AS averageDurationMs,
      coalesce(sum(status IN ('failed', 'abandoned') AND started_at >= @dayAgo), 0) AS failuresLast24h,
      coalesce(sum(status IN ('completed', 'partial_success') AND started_at >= @weekAgo), 0) AS succeeded7d,
      coalesce(sum(status IN ('completed', 'partial_success', 'failed', 'abandoned') AND started_at >= @weekAgo), 0) AS judged7d
    FROM sync_runs WHERE @source IS NULL OR source = @source`);
  const statement = createStatementCache(db);

  const get = (id: number): SyncRun | null => {
    const row = byId.get(id) as RunRow | undefined;
    return row ? toSyncRun(row) : null;
  };

  const write = (id: number, fields: Partial<RunResult>): void => {
    const time = (value: string | null | undefined, what: string) => (value ? toStoredTime(value, what) : null);
    progress.run({
      id,
      status: fields.status ?? null,
      heartbeatAt: time(fields.heartbeatAt, 'heartbeatAt'),
      counts: toJson(fields.counts),
      apiRequests: fields.apiRequests ?? null,
      rateLimitWaitMs: fields.rateLimitWaitMs ?? null,
      errors: toJson(fields.errors),
      finishedAt: time(fields.finishedAt, 'finishedAt'),
      countCheck: fields.countCheck ?? null,
      resumeAt: time(fields.resumeAt, 'resumeAt'),
      cursorBefore: toJson(fields.cursorBefore),
      cursorAfter: toJson(fields.cursorAfter),
    });
  };

  return {
    /** Records a new run (running, with a first heartbeat, unless queued) and returns its id. */
    create(run: NewRun): number {
      const startedAt = toStoredTime(run.startedAt, 'startedAt');
      const status = run.status ?? 'running';
      return Number(
        insert.run({
          source: run.source,
          trigger: run.trigger,
          status,
          scope: JSON.stringify(run.scope),
          startedAt,
          heartbeatAt: status === 'running' ? startedAt : null,
          counts: JSON.stringify(emptySyncCounts()),
          cursorBefore: toJson(run.cursorBefore),
        }).lastInsertRowid,
      );
    },

    /** A sign of life, optionally with the run's latest counters. */
    heartbeat(id: number, atIso: string, progress: Omit<RunProgress, 'heartbeatAt'> = {}): void {
      write(id, { ...progress, heartbeatAt: atIso });
    },

    updateProgress(id: number, fields: RunProgress): void {
      write(id, fields);
    },

    /**
     * Records how the run ended (the duration is measured from its start), builds the indexes a first
     * load left out, and brings the next appointment of every patient the run touched up to date.
     */
    finish(id: number, result: RunResult): SyncRun {
      return db.transaction(() => {
        write(id, result);
        firstLoad.finishEnded();
        nextAppointments.refreshStale(toStoredTime(result.finishedAt, 'finishedAt'));
        return get(id) as SyncRun;
      })();
    },

    get,

    /** Runs newest first. */
    list(query: SyncRunQuery): { total: number; rows: SyncRun[] } {
      const where = whereClause([query.source !== undefined && 'source = @source', query.status !== undefined && 'status = @status']);
      const filter = Object.fromEntries(
        Object.entries({ source: query.source, status: query.status }).filter(([, value]) => value !== undefined),
      );
      const total = statement(`SELECT count(*) FROM sync_runs ${where}`).pluck().get(filter) as number;
      const rows = statement(`${RUN_SELECT} ${where} ORDER BY started_at DESC, id DESC LIMIT @limit OFFSET @offset`).all({
        ...filter,
        limit: query.limit,
        offset: query.offset,
      }) as RunRow[];
      return { total, rows: rows.map(toSyncRun) };
    },

    /**
     * Closes queued or running runs with no heartbeat since `olderThanIso` — and the runs `alsoIds`,
     * whose process is known to be dead — as abandoned (at start-up, after a crash), frees their
     * locks and builds the indexes a first load among them left out. Returns how many were closed.
     */
    closeStale(olderThanIso: string, alsoIds: readonly number[] = []): number {
      return db.transaction(() => {
        const closed = abandon.all({
          olderThan: toStoredTime(olderThanIso, 'olderThan'),
          ids: JSON.stringify(alsoIds),
          message: ABANDONED_MESSAGE,
        }) as Array<{ id: number }>;
        freeLocks.run(JSON.stringify(closed.map((run) => run.id)));
        firstLoad.finishEnded();
        return closed.length;
      })();
    },

    /** Records which process ("host:pid") runs the sync, so its death can be noticed. */
    setOwner(id: number, owner: string): void {
      setOwner.run(owner, id);
    },

    /** Runs still queued or running, with the process that owns each (null when unknown). */
    unfinished(): Array<{ id: number; source: string; owner: string | null }> {
      return unfinished.all() as Array<{ id: number; source: string; owner: string | null }>;
    },

    stats(nowIso: string, source?: string): SyncRunStats {
      const now = toStoredTime(nowIso, 'now');
      const row = stats.get({ source: source ?? null, dayAgo: shiftTime(now, -DAY_MS), weekAgo: shiftTime(now, -7 * DAY_MS) }) as Omit<
        SyncRunStats,
        'successRate7d'
      > & { succeeded7d: number; judged7d: number };
      const { succeeded7d, judged7d, ...totals } = row;
      return { ...totals, successRate7d: judged7d === 0 ? null : succeeded7d / judged7d };
    },
  };
}
