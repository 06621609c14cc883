import type { RosterCounts } from '../../domain';
import type { Db } from '../sqlite';
import { createStatementCache } from '../statement-cache';

// Enough for the filters one roster screen switches between; older ones are counted again.
const KEEP = 32;

export interface RosterTotal {
  total: number;
  totalIsCapped: boolean;
}

/**
 * Roster totals remembered per filter until the cache changes, so a total asked again (a refresh, a
 * filter switched back) is not counted again. "Changed" is any commit by another connection
 * (data_version) or any row written by this one (total_changes), so a total is never older than
 * the rows it is shown with.
 */
export function createTotalsMemo(db: Db) {
  const written = db.prepare('SELECT total_changes()').pluck();
  const memo = new Map<string, RosterTotal>();
  let seenVersion = '';
  return {
    get(key: string, count: () => RosterTotal): RosterTotal {
      const version = `${String(db.pragma('data_version', { simple: true }))}:${String(written.get())}`;
      if (version !== seenVersion) {
        memo.clear();
        seenVersion = version;
      }
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

/** Exact counts of roster filters, and the counters above the roster. */
export function createRosterCounter(db: Db) {
  const statement = createStatementCache(db);
  const memo = createTotalsMemo(db);
  const countersSql = (from: string) =>
    `SELECT count(*) AS "all", count(next_status) AS withUpcoming, coalesce(sum(organization_count = 0), 0) AS unaffiliated
         FROM ${from} WHERE deleted = 0`;
  return {
    exact(countFrom: string, where: string, params: Record<string, string | number>): RosterTotal {
      const sql = `SELECT count(*) FROM ${countFrom} ${where}`;
      return memo.get(`${sql}\u0000${JSON.stringify(params)}`, () => ({
        total: statement(sql).pluck().get(params) as number,
        totalIsCapped: false,
      }));
    },
    /** The roster's three counters in one pass over the narrow filter index (or the table, while it is left out). */
    counters(indexed: boolean): RosterCounts {
      // Prepared when first asked: a first load may have the filter index out (first-load-deferral.ts).
      return statement(countersSql(indexed ? 'patients INDEXED BY patients_roster_filters' : 'patients')).get() as RosterCounts;
    },
  };
}
