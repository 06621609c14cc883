/**
 * Roster queries today's way (the baseline: every count over the sort index, every search by
 * instr() over every row) beside the current repository, in the same run and on the same cache.
 * Every query of the mix must return the same rows and total both ways (a capped total: the
 * baseline's is above the cap), or the benchmark fails.
 */
import type { Cache } from '../../electron/core/db';
import { searchWords } from '../../electron/core/db/repos/patient-text';
import { rosterSql } from '../../electron/core/db/repos/roster-sql';
import { toRosterRow, windowSql, type RosterSqlRow } from '../../electron/core/db/repos/roster';
import { ROSTER_TOTAL_CAP, type CountedRosterPage, type RosterQuery } from '../../electron/core/domain';
import type { BenchMetric } from './bench-types';

const P95_TARGET_MS = 8;

/**
 * The roster query as it was before the trigram index, the filter index, remembered and capped
 * totals and the window's join order. Its total read the sort index, each carrying the search
 * text; since 0013 only the name index does, so a search is counted there (the same width: the
 * baseline is not made slower by the narrower indexes). A search's window in another order now
 * reads each row's search text once its filters pass, which the baseline's did not.
 */
function baselineQuery(cache: Cache, query: RosterQuery): CountedRosterPage {
  const { from, where, orderBy, params } = rosterSql(query, null);
  const countFrom = searchWords(query.search ?? '').length > 0 ? 'patients p INDEXED BY patients_roster_by_name' : from;
  const total = cache.db.prepare(`SELECT count(*) FROM ${countFrom} ${where}`).pluck().get(params) as number;
  // Today's window differed only in letting the planner order the join.
  const rows = cache.db
    .prepare(windowSql({ from, where, orderBy }).replace('CROSS JOIN patients', 'JOIN patients'))
    .all({ ...params, limit: query.limit, offset: query.offset }) as RosterSqlRow[];
  return { total, totalIsCapped: false, rows: rows.map(toRosterRow) };
}

/** Wall time, and the CPU time this process spent: on a machine others load, the second waits for no one. */
function timed<T>(work: () => T): { result: T; ms: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = work();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { result, ms, cpuMs: (used.user + used.system) / 1000 };
}

const percentile = (times: number[], q: number) => {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};

const describeQuery = (query: RosterQuery) => JSON.stringify({ ...query, nowIso: undefined });

/** The same rows, and the same total; a capped total stands for "more than the cap". */
export function sameAnswer(baseline: CountedRosterPage, current: CountedRosterPage): boolean {
  const totals = current.totalIsCapped
    ? current.total === ROSTER_TOTAL_CAP && baseline.total > ROSTER_TOTAL_CAP
    : current.total === baseline.total;
  return totals && JSON.stringify(baseline.rows) === JSON.stringify(current.rows);
}

/** A write no query sees, so the repository counts again as after a sync's commit. */
const forgetTotals = (cache: Cache) => cache.db.prepare("UPDATE sources SET name = name || '' WHERE id = 'cliniko'").run();

/**
 * Runs each query both ways, alternating which goes first so neither always finds the pages warm.
 * Each query is a filter seen for the first time: no total remembered from an earlier one.
 * Throws on the first query whose rows or total differ.
 */
export function compareRosterQueries(cache: Cache, queries: RosterQuery[], label: string): BenchMetric[] {
  const baseline: number[] = [];
  const current: number[] = [];
  const baselineCpu: number[] = [];
  const currentCpu: number[] = [];
  let capped = 0;
  queries.forEach((query, n) => {
    forgetTotals(cache);
    const runBaseline = () => timed(() => baselineQuery(cache, query));
    const runCurrent = () => timed(() => cache.roster.query({ ...query, count: 'auto' }));
    let before: ReturnType<typeof runBaseline>;
    let after: ReturnType<typeof runCurrent>;
    if (n % 2 === 0) {
      before = runBaseline();
      after = runCurrent();
    } else {
      after = runCurrent();
      before = runBaseline();
    }
    if (!sameAnswer(before.result, after.result)) {
      throw new Error(`Roster query ${n} returned different rows or total than the baseline: ${describeQuery(query)}`);
    }
    baseline.push(before.ms);
    current.push(after.ms);
    baselineCpu.push(before.cpuMs);
    currentCpu.push(after.cpuMs);
    if (after.result.totalIsCapped) capped += 1;
  });
  const p95 = percentile(current, 0.95);
  const cpuP95 = percentile(currentCpu, 0.95);
  return [
    { name: `baseline roster query p50 (${label})`, value: percentile(baseline, 0.5), unit: 'ms' },
    { name: 'baseline roster query p95', value: percentile(baseline, 0.95), unit: 'ms' },
    { name: `roster query p50 (${label})`, value: percentile(current, 0.5), unit: 'ms' },
    { name: 'roster query p95', value: p95, unit: 'ms', target: `< ${P95_TARGET_MS} ms`, met: p95 < P95_TARGET_MS },
    { name: 'roster query max', value: Math.max(...current), unit: 'ms' },
    { name: 'roster query p95 / baseline p95', value: p95 / percentile(baseline, 0.95), unit: 'ratio' },
    { name: 'baseline roster query p95, CPU time of this process', value: percentile(baselineCpu, 0.95), unit: 'ms' },
    { name: 'roster query p95, CPU time of this process', value: cpuP95, unit: 'ms' },
    { name: 'roster queries with the same rows and total as the baseline', value: queries.length, unit: 'queries' },
    {
      name: `of them answered "${ROSTER_TOTAL_CAP.toLocaleString('en-US')}+" (capped; the baseline counted more)`,
      value: capped,
      unit: 'queries',
    },
  ];
}

/**
 * What the roster screen asks while one filter is scrolled through, 200-row blocks (the renderer's
 * block size): before, its three counters as one-row queries and a total with every block; now
 * the counters in one request, the total with the first block only.
 */
export function compareScrolling(cache: Cache, filter: Omit<RosterQuery, 'offset' | 'limit'>, blocks: number): BenchMetric[] {
  const block = (n: number): RosterQuery => ({ ...filter, offset: n * 200, limit: 200 });
  const { sort, nowIso } = filter;
  const counters = [{}, { hasUpcoming: true }, { affiliated: false }].map((q) => ({
    sort,
    nowIso,
    removed: false,
    ...q,
    offset: 0,
    limit: 1,
  }));
  forgetTotals(cache);
  const current = timed(() => {
    cache.roster.counts(filter.nowIso);
    for (let n = 0; n < blocks; n++) cache.roster.query({ ...block(n), count: n === 0 ? 'auto' : 'none' });
  }).ms;
  const baseline = timed(() => {
    for (const q of counters) baselineQuery(cache, q);
    for (let n = 0; n < blocks; n++) baselineQuery(cache, block(n));
  }).ms;
  return [
    { name: `baseline: counters and ${blocks} blocks of 200, each counted (search "${filter.search ?? ''}")`, value: baseline, unit: 'ms' },
    { name: `counters and ${blocks} blocks of 200, total with the first block`, value: current, unit: 'ms' },
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
