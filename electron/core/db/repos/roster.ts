import {
  ROSTER_TOTAL_CAP,
  type AppointmentStatus,
  type CountedRosterPage,
  type RosterCountMode,
  type RosterCounts,
  type RosterPage,
  type RosterQuery,
  type RosterRow,
} from '../../domain';
import type { FirstLoadDeferral } from '../first-load-deferral';
import type { Db } from '../sqlite';
import { createStatementCache } from '../statement-cache';
import { isoOfStoredMsSql } from '../stored-instants';
import { toStoredTime } from '../timestamps';
import type { NextAppointments } from './next-appointments';
import { PATIENT_COLUMNS, toCachedPatient, type PatientRow } from './patient-rows';
import { createSearchNarrowing, type SearchNarrowing } from './roster-search';
import { candidatesFirst, hasSelectiveFilters, membersFirst, rosterSql, seeksStatus, type RosterSql } from './roster-sql';
import { searchWords } from './patient-text';
import { createRosterCounter } from './roster-totals';

export type RosterSqlRow = PatientRow & {
  organizations: string;
  next_starts_at: string | null;
  next_status: AppointmentStatus | null;
  next_external_id: string | null;
  next_ends_at: string | null;
  next_practitioner_name: string | null;
  next_telehealth_url: string | null;
};

const ROW_COLUMNS = `${PATIENT_COLUMNS.split(',')
  .map((column) => `p.${column.trim()}`)
  .join(', ')},
  p.next_starts_at, p.next_status, a.external_id AS next_external_id, ${isoOfStoredMsSql('a.ends_at')} AS next_ends_at,
  a.practitioner_name AS next_practitioner_name, a.telehealth_url AS next_telehealth_url,
  (SELECT json_group_array(json_object('id', o.id, 'name', o.name) ORDER BY o.name)
     FROM patient_organizations l JOIN organizations o ON o.id = l.organization_id
    WHERE l.patient_id = p.id) AS organizations`;

/**
 * One window of rows: the window's ids first (from an index alone), then their rows joined.
 * CROSS JOIN keeps that order: left to the planner, it scanned every patient in sort order and
 * probed the window for each (measured at 50,000 patients: 12 ms against 2 ms). `walkOrderBy`
 * reads the index the other way (a window nearer the end), the rows still come in `orderBy`.
 */
export function windowSql({ from, where, orderBy, walkOrderBy = orderBy }: WindowParts): string {
  return `SELECT ${ROW_COLUMNS}
    FROM (SELECT p.id FROM ${from} ${where} ORDER BY ${walkOrderBy} LIMIT @limit OFFSET @offset) w
    CROSS JOIN patients p ON p.id = w.id
    LEFT JOIN appointments a ON a.id = p.next_appointment_id
    ORDER BY ${orderBy}`;
}

type WindowParts = Pick<RosterSql, 'from' | 'where' | 'orderBy'> & { walkOrderBy?: string };

/** The same for a window whose ids are already known, in order (a JSON array bound as @ids). */
function rowsByIdSql(orderBy: string): string {
  return `SELECT ${ROW_COLUMNS}
    FROM json_each(@ids) w
    CROSS JOIN patients p ON p.id = w.value
    LEFT JOIN appointments a ON a.id = p.next_appointment_id
    ORDER BY ${orderBy}`;
}

/** The ids of a window of known patients (a JSON array bound as @ids), in roster order. */
const windowOfIdsSql = (orderBy: string) =>
  `SELECT p.id FROM json_each(@ids) w CROSS JOIN patients p ON p.id = w.value ORDER BY ${orderBy} LIMIT @limit OFFSET @offset`;

const reversed = (query: RosterQuery): RosterQuery => ({
  ...query,
  sort: { ...query.sort, dir: query.sort.dir === 'desc' ? 'asc' : 'desc' },
});

/**
 * Trigram candidates beyond which a search with a status reads that status's entries of the
 * search index instead (measured at 50,000 patients: a candidate looked up costs about as much as
 * testing 6 entries' text, and one status holds up to a third of the patients).
 */
const STATUS_RANGE_CANDIDATES = 1500;

export type RosterRepo = ReturnType<typeof createRosterRepo>;

export function createRosterRepo(db: Db, nextAppointments: NextAppointments, firstLoad: FirstLoadDeferral) {
  const statement = createStatementCache(db);
  const narrowing = createSearchNarrowing(db);
  const counter = createRosterCounter(db);

  /**
   * One window of the roster and, unless asked for rows only, the total matching. Filtering and
   * counting read only narrow indexes (or, for a selective search, the trigram index's few
   * candidates); the window's rows are then joined to their next appointment and organizations.
   */
  function query(query: RosterQuery & { count?: 'auto' | 'exact' }): CountedRosterPage;
  function query(query: RosterQuery): RosterPage;
  function query(query: RosterQuery): RosterPage {
    nextAppointments.refreshStale(toStoredTime(query.nowIso, 'nowIso'));
    const words = searchWords(query.search ?? '');
    // While a first load has the patients' indexes out, every query reads the table (the search index is not kept either).
    const indexed = !firstLoad.pending('patients');
    // Other filters thin a search's matches out along a walk; so does the name order, where a
    // name's matches lie together, perhaps deep: either way more candidates are worth looking up.
    const narrowed = indexed ? narrowing(words, hasSelectiveFilters(query) || query.sort.field === 'name') : null;
    const count = query.count ?? 'auto';
    // One status's ranges of the search index cost less than many candidates looked up, or a walk.
    const byStatus = words.length > 0 && seeksStatus(query) && (narrowed === null || narrowed.candidates > STATUS_RANGE_CANDIDATES);
    if (narrowed?.few === true && !byStatus) return narrowedPage(query, rosterSql(query, narrowed.match), count);
    const sql = rosterSql(query, null, indexed);
    if (words.length === 0) return filteredPage(query, sql, count);
    // An organization's members are few enough to look each up: the walk may read every patient.
    return sql.sortIndexHasSearchText && query.organizationId === undefined && !byStatus
      ? walkedSearchPage(query, sql, count)
      : broadSearchPage(query, sql, count, matchesSource(query, sql, narrowed));
  }

  /**
   * A broad search sorted by name, whose index carries the search text: one walk in roster order
   * finds the window and the matches after it, up to the cap (a total of every match would test
   * every patient's text).
   */
  function walkedSearchPage(query: RosterQuery, sql: RosterSql, count: RosterCountMode): RosterPage {
    const { from, countFrom, countWhere, where, orderBy, params } = sql;
    if (count === 'none' || count === 'exact' || query.offset + query.limit > ROSTER_TOTAL_CAP) {
      const rows = readWindow(query, sql);
      if (count === 'none') return { total: null, totalIsCapped: false, rows };
      // A window that ends before its limit found every match on its way: the total is known.
      if (rows.length < query.limit && (rows.length > 0 || query.offset === 0))
        return { total: query.offset + rows.length, totalIsCapped: false, rows };
      return { ...counter.exact(countFrom, countWhere, params), rows };
    }
    const ids = statement(`SELECT p.id FROM ${from} ${where} ORDER BY ${orderBy} LIMIT ${ROSTER_TOTAL_CAP + 1}`)
      .pluck()
      .all(params) as number[];
    const total =
      ids.length > ROSTER_TOTAL_CAP ? { total: ROSTER_TOTAL_CAP, totalIsCapped: true } : { total: ids.length, totalIsCapped: false };
    return { ...total, rows: rowsById(ids.slice(query.offset, query.offset + query.limit), orderBy) };
  }

  /**
   * A broad search in another order, whose index lacks the search text, or among an
   * organization's members. Its matches first, in no order and only up to the cap (see
   * matchesSource). Few, they are sorted; many (over 2% of patients), the window is soon found
   * walking the sort index, reading rows once the filters pass.
   */
  function broadSearchPage(query: RosterQuery, sql: RosterSql, count: RosterCountMode, matches: MatchesSource): RosterPage {
    const found = statement(`SELECT p.id FROM ${matches.from} ${matches.where} LIMIT ${ROSTER_TOTAL_CAP + 1}`)
      .pluck()
      .all(matches.params) as number[];
    if (found.length <= ROSTER_TOTAL_CAP) {
      const ids =
        found.length === 0
          ? []
          : (statement(windowOfIdsSql(sql.orderBy))
              .pluck()
              .all(windowOf(query, { ids: JSON.stringify(found) })) as number[]);
      return { total: count === 'none' ? null : found.length, totalIsCapped: false, rows: rowsById(ids, sql.orderBy) };
    }
    const rows = readWindow(query, sql);
    if (count === 'none') return { total: null, totalIsCapped: false, rows };
    if (count === 'exact' || query.offset + query.limit > ROSTER_TOTAL_CAP)
      return { ...counter.exact(sql.countFrom, sql.countWhere, sql.params), rows };
    return { total: ROSTER_TOTAL_CAP, totalIsCapped: true, rows };
  }

  /**
   * Filters alone: the exact total is cheap (the narrow filter index). Counted first, it spares
   * reading a window past the end, and a window nearer the end is walked from there.
   */
  function filteredPage(query: RosterQuery, sql: RosterSql, count: RosterCountMode): RosterPage {
    if (count === 'none') return { total: null, totalIsCapped: false, rows: readWindow(query, sql) };
    const { total } = counter.exact(sql.countFrom, sql.countWhere, sql.params);
    if (query.offset >= total) return { total, totalIsCapped: false, rows: [] };
    const fromEnd = total - query.offset - query.limit;
    if (fromEnd >= query.offset) return { total, totalIsCapped: false, rows: readWindow(query, sql) };
    const back = rosterSql(reversed(query), null, sql.indexed);
    const limit = Math.min(query.limit, total - query.offset);
    return {
      total,
      totalIsCapped: false,
      rows: readWindow({ ...query, offset: Math.max(0, fromEnd), limit }, { ...back, walkOrderBy: back.orderBy, orderBy: sql.orderBy }),
    };
  }

  function readWindow(query: RosterQuery, parts: RosterSql & { walkOrderBy?: string }): RosterRow[] {
    const found = statement(windowSql(parts)).all(windowOf(query, parts.params));
    return (found as RosterSqlRow[]).map(toRosterRow);
  }

  /** The rows of a window whose ids are known, in order. */
  function rowsById(ids: number[], orderBy: string): RosterRow[] {
    if (ids.length === 0) return [];
    return (statement(rowsByIdSql(orderBy)).all({ ids: JSON.stringify(ids) }) as RosterSqlRow[]).map(toRosterRow);
  }

  /**
   * A search the trigram index narrows to a few candidates: one pass over them finds every match
   * in order, which is both the total and the window; then the window's rows are read.
   */
  function narrowedPage(query: RosterQuery, { from, where, orderBy, params }: RosterSql, count: RosterCountMode): RosterPage {
    const ids = statement(`SELECT p.id FROM ${from} ${where} ORDER BY ${orderBy}`).pluck().all(params) as number[];
    const rows = rowsById(ids.slice(query.offset, query.offset + query.limit), orderBy);
    return { total: count === 'none' ? null : ids.length, totalIsCapped: false, rows };
  }

  return {
    query,
    /** The counters above the roster (everyone, with an upcoming appointment, in no organization). */
    counts(nowIso: string): RosterCounts {
      nextAppointments.refreshStale(toStoredTime(nowIso, 'nowIso'));
      return counter.counters(!firstLoad.pending('patients'));
    },
  };
}

type MatchesSource = Pick<RosterSql, 'from' | 'where' | 'params'>;

/**
 * Where a broad search's matches are found, cheapest first: an organization's members; the
 * trigram index's candidates, read lazily, when no other filter thins them out (they are then
 * mostly matches, and the cap is soon reached); else the filter and search text index.
 */
function matchesSource(query: RosterQuery, sql: RosterSql, narrowed: SearchNarrowing | null): MatchesSource {
  if (query.organizationId !== undefined) return membersFirst(sql);
  if (narrowed !== null && !hasSelectiveFilters(query)) return candidatesFirst(sql, narrowed.match);
  return { from: sql.countFrom, where: sql.countWhere, params: sql.params };
}

const windowOf = (query: RosterQuery, params: Record<string, string | number>) => ({ ...params, limit: query.limit, offset: query.offset });

export function toRosterRow(row: RosterSqlRow): RosterRow {
  const nextAppointment =
    row.next_external_id === null || row.next_starts_at === null || row.next_status === null
      ? null
      : {
          externalId: row.next_external_id,
          startsAt: row.next_starts_at,
          endsAt: row.next_ends_at,
          practitionerName: row.next_practitioner_name,
          status: row.next_status,
          telehealthUrl: row.next_telehealth_url,
        };
  return {
    ...toCachedPatient(row),
    organizations: JSON.parse(row.organizations) as RosterRow['organizations'],
    nextAppointment,
  };
}
