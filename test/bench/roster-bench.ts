/**
 * Roster queries today's way (the baseline: every count over the sort index, every search by
 * instr() over every row) beside the current repository, in the same run and on the same cache.
 * Every query of the mix must return the same rows and total both ways, or the benchmark fails.
 */
import type { Cache } from '../../electron/core/db';
import { rosterSql } from '../../electron/core/db/repos/roster-sql';
import { toRosterRow, windowSql, type RosterSqlRow } from '../../electron/core/db/repos/roster';
import type { RosterPage, RosterQuery } from '../../electron/core/domain';
import type { BenchMetric } from './bench-types';

const P95_TARGET_MS = 8;

/**
 * The roster query as it was before the trigram index, the filter index, remembered totals and the
 * window's join order.
 */
function baselineQuery(cache: Cache, query: RosterQuery): RosterPage {
  const { from, where, orderBy, params } = rosterSql(query, null);
  const total = cache.db.prepare(`SELECT count(*) FROM ${from} ${where}`).pluck().get(params) as number;
  // Today's window differed only in letting the planner order the join.
  const rows = cache.db
    .prepare(windowSql({ from, where, orderBy }).replace('CROSS JOIN patients', 'JOIN patients'))
    .all({ ...params, limit: query.limit, offset: query.offset }) as RosterSqlRow[];
  return { total, rows: rows.map(toRosterRow) };
}

function timed<T>(work: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = work();
  return { result, ms: performance.now() - started };
}

const percentile = (times: number[], q: number) => {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};

const describeQuery = (query: RosterQuery) => JSON.stringify({ ...query, nowIso: undefined });

/**
 * Runs each query both ways, alternating which goes first so neither always finds the pages warm.
 * Throws on the first query whose rows or total differ.
 */
export function compareRosterQueries(cache: Cache, queries: RosterQuery[], label: string): BenchMetric[] {
  const baseline: number[] = [];
  const current: number[] = [];
  queries.forEach((query, n) => {
    const runBaseline = () => timed(() => baselineQuery(cache, query));
    const runCurrent = () => timed(() => cache.roster.query(query));
    let before: ReturnType<typeof runBaseline>;
    let after: ReturnType<typeof runCurrent>;
    if (n % 2 === 0) {
      before = runBaseline();
      after = runCurrent();
    } else {
      after = runCurrent();
      before = runBaseline();
    }
    if (JSON.stringify(before.result) !== JSON.stringify(after.result)) {
      throw new Error(`Roster query ${n} returned different rows or total than the baseline: ${describeQuery(query)}`);
    }
    baseline.push(before.ms);
    current.push(after.ms);
  });
  const p95 = percentile(current, 0.95);
  return [
    { name: `baseline roster query p50 (${label})`, value: percentile(baseline, 0.5), unit: 'ms' },
    { name: 'baseline roster query p95', value: percentile(baseline, 0.95), unit: 'ms' },
    { name: `roster query p50 (${label})`, value: percentile(current, 0.5), unit: 'ms' },
    { name: 'roster query p95', value: p95, unit: 'ms', target: `< ${P95_TARGET_MS} ms`, met: p95 < P95_TARGET_MS },
    { name: 'roster query max', value: Math.max(...current), unit: 'ms' },
    { name: 'roster query p95 / baseline p95', value: p95 / percentile(baseline, 0.95), unit: 'ratio' },
    { name: 'roster queries with the same rows and total as the baseline', value: queries.length, unit: 'queries' },
  ];
}

/**
 * What the roster screen does while scrolling one filter: a 200-row block at a time (the renderer's
 * block size) after its three one-row queries. The baseline counts on every call.
 */
export function compareScrolling(cache: Cache, filter: Omit<RosterQuery, 'offset' | 'limit'>, blocks: number): BenchMetric[] {
  const calls: RosterQuery[] = [
    ...Array.from({ length: 3 }, () => ({ ...filter, offset: 0, limit: 1 })),
    ...Array.from({ length: blocks }, (_, n) => ({ ...filter, offset: n * 200, limit: 200 })),
  ];
  // A write first, so the current repository cannot reuse a total from an earlier measurement.
  cache.db.prepare("UPDATE sources SET name = name || '' WHERE id = 'cliniko'").run();
  const current = timed(() => calls.forEach((q) => cache.roster.query(q))).ms;
  const baseline = timed(() => calls.forEach((q) => baselineQuery(cache, q))).ms;
  return [
    { name: `baseline: one refresh and ${blocks} blocks of 200 (search "${filter.search ?? ''}")`, value: baseline, unit: 'ms' },
    { name: `one refresh and ${blocks} blocks of 200, total counted once`, value: current, unit: 'ms' },
  ];
}

/** Patient upserts per second with and without the trigram index's triggers, on fresh caches. */
export function trigramWriteCost(freshCache: (name: string) => Cache, seed: (cache: Cache) => number): BenchMetric[] {
  const withIndex = freshCache('fts-on.db');
  const withoutIndex = freshCache('fts-off.db');
  for (const trigger of ['insert', 'update', 'delete']) withoutIndex.db.exec(`DROP TRIGGER patients_search_${trigger}`);
  const rateOff = seed(withoutIndex);
  const rateOn = seed(withIndex);
  withIndex.close();
  withoutIndex.close();
  return [
    { name: 'patient upsert without the trigram index (baseline)', value: Math.round(rateOff), unit: 'rows/s' },
    { name: 'patient upsert with the trigram index', value: Math.round(rateOn), unit: 'rows/s' },
    { name: 'patient upsert cost of the trigram index (time with / without)', value: rateOff / rateOn, unit: 'ratio' },
  ];
}
