import type { Db } from '../sqlite';

/**
 * The rule for a source's initial load: its first sync finds every appointment "new". Those rows are
 * not news, so the change feed leaves them out unless asked, and they are no one's work-list item.
 * (A change row always belongs to a run of its own source, so the first run per source identifies it.)
 * `table` is the name or alias the surrounding query gives appointment_changes.
 * Caches filled since migration 0012 hold no such rows (see createInitialLoads); older ones may.
 */
export function isInitialLoadChange(table = 'appointment_changes'): string {
  return `(${table}.kind = 'new' AND ${table}.run_id IN (SELECT min(id) FROM sync_runs GROUP BY source))`;
}

export interface InitialLoads {
  /**
   * Whether run `runId` is the initial load of `source` (its first run, by the rule above): its
   * "new" appointments get no change row each, since the feed would hide every one of them anyway;
   * the run's own counts say how many there were.
   */
  isInitialLoad(source: string, runId: number | null): boolean;
  /**
   * An initial load this desk is running itself (it holds the source's lock, so the run ends through
   * this cache): the one whose indexes may be built after the load (db/first-load-deferral.ts).
   */
  isLocalInitialLoad(source: string, runId: number | null): boolean;
}

export function createInitialLoads(db: Db): InitialLoads {
  const firstRun = db.prepare('SELECT min(id) FROM sync_runs WHERE source = ?').pluck();
  const holdsLock = db.prepare('SELECT EXISTS (SELECT 1 FROM sync_locks WHERE source = ? AND run_id = ?)').pluck();
  // A run's place never changes (ids only grow; history retention keeps each source's first run),
  // so the answer for the run being written is remembered.
  let last: { source: string; runId: number; first: boolean } | null = null;
  const isInitialLoad = (source: string, runId: number | null): boolean => {
    if (runId === null) return false;
    if (last?.source !== source || last.runId !== runId) last = { source, runId, first: firstRun.get(source) === runId };
    return last.first;
  };
  return {
    isInitialLoad,
    isLocalInitialLoad: (source, runId) => isInitialLoad(source, runId) && holdsLock.get(source, runId) === 1,
  };
}
