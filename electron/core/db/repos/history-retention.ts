import type { Db } from '../sqlite';
import { sourceKeyOfSql } from '../source-keys';
import { toStoredMs } from '../stored-instants';
import { toStoredTime } from '../timestamps';
import { isInitialLoadChange } from './initial-load';

// A run that has not ended yet: neither it nor its activity lines are ever removed.
const UNFINISHED = `('queued', 'running')`;
// A run that brought the cache up to date: the latest of each source says how fresh the cache is.
const SUCCEEDED = `('completed', 'partial_success')`;

export type HistoryRetentionRepo = ReturnType<typeof createHistoryRetentionRepo>;

/**
 * Removes old history in batches, each in its own short transaction, oldest first, by the time
 * indexes. What is kept whatever its age:
 * - activity lines of a run that has not ended;
 * - appointment changes still to do on the Changes work-list (not marked done), except those of a
 *   source's initial load, which the work-list leaves out (every appointment "new" on the first sync);
 * - appointment changes about an appointment that has not started yet, done or not (the context of a
 *   visit still to come);
 * - runs that have not ended, the first run of each source (the change feed tells the initial load
 *   apart by it), the latest run of each source (its health, its deferred continuation), the latest
 *   successful run of each source (when the cache was last brought up to date), and any
 *   run a kept change or activity line points at — so the history never shows a line or change
 *   whose run is gone, and the change table's foreign key always holds.
 * Everything else in the cache (patients, appointments, notes, organizations, cursors…) is untouched.
 */
export function createHistoryRetentionRepo(db: Db) {
  const activity = db.prepare(`DELETE FROM activity_events WHERE id IN (
      SELECT id FROM activity_events
      WHERE at < @before AND (run_id IS NULL OR run_id NOT IN (SELECT id FROM sync_runs WHERE status IN ${UNFINISHED}))
      ORDER BY at LIMIT @limit)`);
  const notUpcoming = `NOT EXISTS (SELECT 1 FROM appointments a
      WHERE a.source_key = ${sourceKeyOfSql('c.source')} AND a.external_id = c.appointment_external_id AND a.starts_at >= @nowMs)`;
  // Two statements, each walking its own index, so old changes still to do are never scanned over.
  const doneChanges = db.prepare(`DELETE FROM appointment_changes WHERE id IN (
      SELECT c.id FROM appointment_changes c INDEXED BY appointment_changes_done_by_time
      WHERE c.done_at IS NOT NULL AND c.detected_at < @before AND ${notUpcoming}
      ORDER BY c.detected_at LIMIT @limit)`);
  const initialLoadChanges = db.prepare(`DELETE FROM appointment_changes WHERE id IN (
      SELECT c.id FROM appointment_changes c
      WHERE ${isInitialLoadChange('c')} AND c.done_at IS NULL AND c.detected_at < @before AND ${notUpcoming}
      LIMIT @limit)`);
  // First run: no run of its source has a smaller id. Latest (success): no run (success) of its source
  // started later, ties broken by id as History orders them. Each is an index probe per candidate, so
  // a long history is never scanned or sorted whole.
  const runs = db.prepare(`DELETE FROM sync_runs WHERE id IN (
      SELECT r.id FROM sync_runs r
      WHERE r.started_at < @before
        AND r.status NOT IN ${UNFINISHED}
        AND EXISTS (SELECT 1 FROM sync_runs o WHERE o.source = r.source AND o.id < r.id)
        AND EXISTS (SELECT 1 FROM sync_runs n WHERE n.source = r.source AND n.started_at >= r.started_at
          AND (n.started_at > r.started_at OR n.id > r.id))
        AND (r.status NOT IN ${SUCCEEDED} OR EXISTS (SELECT 1 FROM sync_runs s WHERE s.source = r.source
          AND s.started_at >= r.started_at AND (s.started_at > r.started_at OR s.id > r.id) AND s.status IN ${SUCCEEDED}))
        AND NOT EXISTS (SELECT 1 FROM appointment_changes c WHERE c.run_id = r.id)
        AND NOT EXISTS (SELECT 1 FROM activity_events e WHERE e.run_id = r.id)
      ORDER BY r.started_at LIMIT @limit)`);

  const batch = (statement: typeof activity, params: Record<string, string | number>): number =>
    db.transaction(() => statement.run(params).changes)();
  const changes = (params: { before: string; nowMs: number; limit: number }): number =>
    db.transaction(() => {
      const done = doneChanges.run(params).changes;
      return done < params.limit ? done + initialLoadChanges.run({ ...params, limit: params.limit - done }).changes : done;
    })();

  return {
    /** Removes up to `limit` activity lines logged before `beforeIso`; returns how many. */
    activityBefore(beforeIso: string, limit: number): number {
      return batch(activity, { before: toStoredTime(beforeIso, 'before'), limit });
    },

    /**
     * Removes up to `limit` changes detected before `beforeIso` that are done (or part of an initial
     * load) and not about an appointment after `nowIso`; returns how many.
     */
    changesBefore(beforeIso: string, nowIso: string, limit: number): number {
      return changes({ before: toStoredTime(beforeIso, 'before'), nowMs: toStoredMs(nowIso, 'now'), limit });
    },

    /** Removes up to `limit` runs started before `beforeIso` that nothing kept needs; returns how many. */
    runsBefore(beforeIso: string, limit: number): number {
      return batch(runs, { before: toStoredTime(beforeIso, 'before'), limit });
    },
  };
}
