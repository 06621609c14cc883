import type { Db } from '../sqlite';

// Enough for the filters one roster screen switches between; older ones are counted again.
const KEEP = 32;

/**
 * Roster totals remembered per filter until the cache changes: the roster reads a window per
 * 200-row block and a few one-row queries per refresh, and only the first of them needs to count.
 * "Changed" is any commit by another connection (data_version) or any row written by this one
 * (total_changes), so a total is never older than the rows it is shown with.
 */
export function createTotalsMemo(db: Db) {
  const written = db.prepare('SELECT total_changes()').pluck();
  const memo = new Map<string, number>();
  let seenVersion = '';
  return {
    get(sql: string, params: Record<string, string | number>, count: () => number): number {
      const version = `${String(db.pragma('data_version', { simple: true }))}:${String(written.get())}`;
      if (version !== seenVersion) {
        memo.clear();
        seenVersion = version;
      }
      const key = `${sql}\u0000${JSON.stringify(params)}`;
      let total = memo.get(key);
      if (total === undefined) {
        total = count();
        if (memo.size >= KEEP) memo.delete(memo.keys().next().value as string);
        memo.set(key, total);
      }
      return total;
    },
  };
}
