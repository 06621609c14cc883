import type { Db } from '../sqlite';
import { sourceKeyOfSql } from '../source-keys';
import { toStoredMs } from '../stored-instants';

export type PlanEstimatesRepo = ReturnType<typeof createPlanEstimatesRepo>;

/**
 * What the budget planner reads from the cache to foresee a run's requests: how many records it
 * already holds that an API filtering changes by whole days will list again (a scan of one source's
 * rows; once per planned run).
 */
export function createPlanEstimatesRepo(db: Db) {
  const patients = db
    .prepare('SELECT count(*) FROM patients WHERE source = ? AND external_id IS NOT NULL AND remote_updated_at >= ?')
    .pluck();
  const upcoming = db
    .prepare(`SELECT count(*) FROM appointments WHERE source_key = ${sourceKeyOfSql('?')} AND starts_at >= ? AND remote_updated_at >= ?`)
    .pluck();
  const lastFull = db
    .prepare(
      `SELECT api_requests FROM sync_runs
       WHERE source = ? AND status IN ('completed', 'partial_success')
         AND json_extract(scope, '$.mode') = 'incremental'
         AND coalesce(json_extract(scope, '$.plan.reach'), 'full') = 'full'
       ORDER BY started_at DESC LIMIT 1`,
    )
    .pluck();
  return {
    /** Patients changed upstream at or after `since` (ISO-8601 UTC), as the cache last saw them. */
    patientsChangedSince(source: string, since: string): number {
      return patients.get(source, since) as number;
    },
    /** Appointments starting at or after `from` that changed upstream at or after `since`. */
    upcomingChangedSince(source: string, from: string, since: string): number {
      return upcoming.get(source, toStoredMs(from, 'from'), toStoredMs(since, 'since')) as number;
    },
    /** Requests the latest incremental sync over the full windows took; null before there was one. */
    lastFullIncrementalRequests(source: string): number | null {
      return (lastFull.get(source) as number | undefined) ?? null;
    },
  };
}
