import type { RosterQuery, RosterSortField } from '../../domain';
import { toFlag } from '../sql-values';
import { searchWords } from './patient-text';

export interface RosterSql {
  /**
   * How patients are read: `INDEXED BY` the covering sort index (0001), in `query.sort` order; or,
   * when a selective search narrows them through the trigram index, `NOT INDEXED` (by id, then sorted).
   */
  from: string;
  /** The same for the total: the narrow filter index (0009) when no search text is needed. */
  countFrom: string;
  where: string;
  orderBy: string;
  params: Record<string, string | number>;
}

// Per sort: its index and keys. Nullable keys sort "missing" as the largest, matching the index.
const SORTS: Record<RosterSortField, { index: string; keys: string[] }> = {
  name: { index: 'patients_roster_by_name', keys: ['p.sort_name'] },
  dateOfBirth: { index: 'patients_roster_by_birth', keys: ['p.date_of_birth IS NULL', 'p.date_of_birth'] },
  nextAppointment: { index: 'patients_roster_by_next', keys: ['p.next_starts_at IS NULL', 'p.next_starts_at'] },
  lastSyncedAt: { index: 'patients_roster_by_synced', keys: ['p.last_synced_at IS NULL', 'p.last_synced_at'] },
};

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
export function rosterSql(query: RosterQuery, narrowing: string | null = null): RosterSql {
  const conditions: string[] = [];
  const params: Record<string, string | number> = {};
  const add = (condition: string, values: Record<string, string | number> = {}) => {
    conditions.push(condition);
    Object.assign(params, values);
  };
  if (query.source !== undefined) add('p.source = @source', { source: query.source });
  if (query.organizationId !== undefined) {
    // `+patient_id`: collect the members once, rather than probe the links for every patient.
    add('p.id IN (SELECT +patient_id FROM patient_organizations WHERE organization_id = @organizationId)', {
      organizationId: query.organizationId,
    });
  }
  if (query.affiliated !== undefined) add(`p.organization_count ${query.affiliated ? '> 0' : '= 0'}`);
  if (query.hasUpcoming !== undefined) add(`p.next_status IS ${query.hasUpcoming ? 'NOT NULL' : 'NULL'}`);
  if (query.status !== undefined) add('p.next_status = @status', { status: query.status });
  if (query.archived !== undefined) add('p.archived = @archived', { archived: toFlag(query.archived) });
  if (query.removed !== undefined) add('p.deleted = @removed', { removed: toFlag(query.removed) });
  if (query.hasRemoteId !== undefined) add(`p.external_id IS ${query.hasRemoteId ? 'NOT NULL' : 'NULL'}`);
  // The search last: SQLite tests the terms in this order, and instr() costs more than a comparison.
  const words = searchWords(query.search ?? '');
  if (narrowing !== null) add('p.id IN (SELECT rowid FROM patients_search WHERE patients_search MATCH @narrowing)', { narrowing });
  words.forEach((word, index) => add(`instr(p.search_text, @word${index}) > 0`, { [`word${index}`]: word }));

  const sort = SORTS[query.sort.field];
  const dir = query.sort.dir === 'desc' ? 'DESC' : 'ASC';
  const sortIndex = narrowing === null ? `INDEXED BY ${sort.index}` : 'NOT INDEXED';
  // The filter index holds every filter column but the remote id's presence and the search text.
  const filterIndex = words.length === 0 && query.hasRemoteId === undefined ? 'INDEXED BY patients_roster_filters' : sortIndex;
  return {
    from: `patients p ${sortIndex}`,
    countFrom: `patients p ${filterIndex}`,
    where: conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`,
    orderBy: [...sort.keys, 'p.id'].map((key) => `${key} ${dir}`).join(', '),
    params,
  };
}
