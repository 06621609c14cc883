import type { RosterQuery, RosterSortField } from '../../domain';
import { toFlag } from '../sql-values';
import { searchWords } from './patient-text';

export interface RosterSql {
  /**
   * How patients are read: `INDEXED BY` the sort index (0013), in `query.sort` order, reading a
   * patient's search text from its row once the filters pass; or, when the trigram index narrows
   * a search, `NOT INDEXED` (by id, then sorted).
   */
  from: string;
  /**
   * The same in no order, for totals: the narrow filter index (0010) when no search text is needed,
   * else the filter and search text index (0013).
   */
  countFrom: string;
  /** `where` for `countFrom`, with any terms that let it seek rather than scan. */
  countWhere: string;
  /** Whether the sort index carries the search text (name): a search then walks it without reading rows. */
  sortIndexHasSearchText: boolean;
  /** Whether the roster's indexes are named (false while a first load has them left out). */
  indexed: boolean;
  where: string;
  orderBy: string;
  params: Record<string, string | number>;
}

// Per sort: its index and keys. Nullable keys sort "missing" as the largest, matching the index.
const SORTS: Record<RosterSortField, { index: string; keys: string[]; hasSearchText?: true }> = {
  name: { index: 'patients_roster_by_name', keys: ['p.sort_name'], hasSearchText: true },
  dateOfBirth: { index: 'patients_roster_by_birth', keys: ['p.date_of_birth IS NULL', 'p.date_of_birth'] },
  nextAppointment: { index: 'patients_roster_by_next', keys: ['p.next_starts_at IS NULL', 'p.next_starts_at'] },
  lastSyncedAt: { index: 'patients_roster_by_synced', keys: ['p.last_synced_at IS NULL', 'p.last_synced_at'] },
};

const FILTER_INDEX = 'INDEXED BY patients_roster_filters';
const SEARCH_INDEX = 'INDEXED BY patients_roster_search';

// `+patient_id`: collect the members once, rather than probe the links for every patient.
const MEMBER_OF_ORGANIZATION = 'p.id IN (SELECT +patient_id FROM patient_organizations WHERE organization_id = @organizationId)';

const SELECTIVE_FILTERS = ['source', 'organizationId', 'affiliated', 'hasUpcoming', 'status', 'hasRemoteId'] as const;

/**
 * Whether a filter besides the search may leave few of its matches. Hiding archived or removed
 * patients (the roster's usual view) hides only a few, so it does not count.
 */
export const hasSelectiveFilters = (query: RosterQuery): boolean =>
  SELECTIVE_FILTERS.some((filter) => query[filter] !== undefined) || query.archived === true || query.removed === true;

/**
 * The WHERE, ORDER BY and index of a roster query over patients as `p`. The index is named rather
 * than left to the planner: without statistics SQLite prefers any index starting with `source`
 * and then sorts every matching row, where the covering sort index answers in one pass.
 * `narrowing` (an FTS5 query over patients_search) is given for selective searches; instr() still
 * decides every match.
 */
export function rosterSql(query: RosterQuery, narrowing: string | null = null, indexed = true): RosterSql {
  const conditions: string[] = [];
  const params: Record<string, string | number> = {};
  const add = (condition: string, values: Record<string, string | number> = {}) => {
    conditions.push(condition);
    Object.assign(params, values);
  };
  if (query.source !== undefined) add('p.source = @source', { source: query.source });
  if (query.affiliated !== undefined) add(`p.organization_count ${query.affiliated ? '> 0' : '= 0'}`);
  if (query.hasUpcoming !== undefined) add(`p.next_status IS ${query.hasUpcoming ? 'NOT NULL' : 'NULL'}`);
  if (query.status !== undefined) add('p.next_status = @status', { status: query.status });
  if (query.archived !== undefined) add('p.archived = @archived', { archived: toFlag(query.archived) });
  if (query.removed !== undefined) add('p.deleted = @removed', { removed: toFlag(query.removed) });
  // After the columns: a probe of the members costs more than a comparison.
  if (query.organizationId !== undefined) add(MEMBER_OF_ORGANIZATION, { organizationId: query.organizationId });
  if (query.hasRemoteId !== undefined) add(`p.external_id IS ${query.hasRemoteId ? 'NOT NULL' : 'NULL'}`);
  // The search last: SQLite tests the terms in this order, and instr() costs more than a comparison.
  const words = searchWords(query.search ?? '');
  if (narrowing !== null) add('p.id IN (SELECT rowid FROM patients_search WHERE patients_search MATCH @narrowing)', { narrowing });
  words.forEach((word, index) => add(`instr(p.search_text, @word${index}) > 0`, { [`word${index}`]: word }));

  const sort = SORTS[query.sort.field];
  const dir = query.sort.dir === 'desc' ? 'DESC' : 'ASC';
  // A first load into an empty table builds the indexes after its patients are in (first-load-deferral.ts).
  const sortIndex = narrowing !== null ? 'NOT INDEXED' : indexed ? `INDEXED BY ${sort.index}` : '';
  const countIndexed = narrowing === null && indexed ? countIndex(query, words.length > 0) : sortIndex;
  // An organization's members and nothing else: counted in its links alone (a link's patient
  // always exists: a foreign key), not by probing the links for every patient.
  const membersOnly = query.organizationId !== undefined && conditions.length === 1 && words.length === 0;
  return {
    from: `patients p ${sortIndex}`,
    countFrom: membersOnly ? 'patient_organizations m' : `patients p ${countIndexed}`,
    countWhere: membersOnly ? 'WHERE m.organization_id = @organizationId' : whereOf([...statusSeeks(query, countIndexed), ...conditions]),
    sortIndexHasSearchText: narrowing === null && indexed && sort.hasSearchText === true,
    indexed,
    where: whereOf(conditions),
    orderBy: [...sort.keys, 'p.id'].map((key) => `${key} ${dir}`).join(', '),
    params,
  };
}

const whereOf = (conditions: string[]) => (conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`);

/**
 * A total of one status (or of none) reads only its entries of the filter or search index: one
 * range per source, archived and removed flag, instead of every entry. Always true, these terms
 * let SQLite seek to the status (every patient's source is in sources: a foreign key; the flags
 * are 0 or 1).
 */
function statusSeeks(query: RosterQuery, countIndexed: string): string[] {
  const seekable = countIndexed === FILTER_INDEX || countIndexed === SEARCH_INDEX;
  if (!seekable || !seeksStatus(query)) return [];
  return [
    query.source === undefined && 'p.source IN (SELECT id FROM sources)',
    query.archived === undefined && 'p.archived IN (0, 1)',
    query.removed === undefined && 'p.deleted IN (0, 1)',
  ].filter((term): term is string => term !== false);
}

/** Whether a total reads only the entries of one status (or of none): see statusSeeks. */
export const seeksStatus = (query: RosterQuery): boolean => query.status !== undefined || query.hasUpcoming === false;

/**
 * The narrowest index holding what a total tests: the filter index, or the filter and search text
 * index (0013). Neither holds the remote id's presence.
 */
function countIndex(query: RosterQuery, searched: boolean): string {
  if (searched) return SEARCH_INDEX;
  return query.hasRemoteId === undefined ? FILTER_INDEX : `INDEXED BY ${SORTS[query.sort.field].index}`;
}

/**
 * The same patients read in the trigram index's order, each looked up as its candidate comes, so
 * that a LIMIT stops early: `p.id IN (…)` first reads every candidate (all 50,000 for a search
 * as broad as "example.test").
 */
export function candidatesFirst({ where, params }: RosterSql, narrowing: string): Pick<RosterSql, 'from' | 'where' | 'params'> {
  const match = 'patients_search MATCH @narrowing';
  return {
    from: 'patients_search CROSS JOIN patients p ON p.id = patients_search.rowid',
    where: where === '' ? `WHERE ${match}` : `${where} AND ${match}`,
    params: { ...params, narrowing },
  };
}

/**
 * The same patients read from an organization's members, each looked up by id: cheaper than
 * walking an index of every patient when the members are few beside the walk.
 */
export function membersFirst({ where, params }: RosterSql): Pick<RosterSql, 'from' | 'where' | 'params'> {
  return {
    from: 'patient_organizations m CROSS JOIN patients p ON p.id = m.patient_id',
    where: where.replace(MEMBER_OF_ORGANIZATION, 'm.organization_id = @organizationId'),
    params,
  };
}
