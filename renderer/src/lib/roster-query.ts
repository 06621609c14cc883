import type { AppointmentStatus, ChannelInput, RosterSortField } from '@contract';
import { formatCount } from './format';

/** What the roster's toolbar can ask for, in the words of its controls. */
export interface RosterFilters {
  search: string;
  source: string | null;
  /** 'affiliated': in any organization; 'unaffiliated': in none; a number: that organization. */
  organization: 'all' | 'affiliated' | 'unaffiliated' | number;
  hasUpcoming: 'all' | 'yes' | 'no';
  /** Status of the next appointment. */
  status: AppointmentStatus | null;
  archived: 'all' | 'hide' | 'only';
  /** Patients a sync found deleted upstream (kept locally, hidden by default). */
  removed: 'all' | 'hide' | 'only';
  sort: { field: RosterSortField; dir: 'asc' | 'desc' };
}

export const DEFAULT_FILTERS: RosterFilters = {
  search: '',
  source: null,
  organization: 'all',
  hasUpcoming: 'all',
  status: null,
  archived: 'all',
  removed: 'hide',
  sort: { field: 'name', dir: 'asc' },
};

export type RosterQueryInput = Omit<ChannelInput<'roster:query'>, 'limit' | 'offset' | 'count'>;

/** The `roster:query` input for a set of filters; filters left at "all" are omitted. */
export function toRosterQuery(filters: RosterFilters): RosterQueryInput {
  const query: RosterQueryInput = { sort: filters.sort };
  const search = filters.search.trim().replace(/\s+/g, ' ').slice(0, 200);
  if (search) query.search = search;
  if (filters.source) query.source = filters.source;
  if (typeof filters.organization === 'number') query.organizationId = filters.organization;
  else if (filters.organization === 'affiliated') query.affiliated = true;
  else if (filters.organization === 'unaffiliated') query.affiliated = false;
  if (filters.hasUpcoming !== 'all') query.hasUpcoming = filters.hasUpcoming === 'yes';
  if (filters.status) query.status = filters.status;
  if (filters.archived !== 'all') query.archived = filters.archived === 'only';
  if (filters.removed !== 'all') query.removed = filters.removed === 'only';
  return query;
}

/** How many filters (not search, not sort) differ from the defaults: shown on "Clear filters". */
export function activeFilterCount(filters: RosterFilters): number {
  return [
    filters.source !== null,
    filters.organization !== 'all',
    filters.hasUpcoming !== 'all',
    filters.status !== null,
    filters.archived !== 'all',
    filters.removed !== DEFAULT_FILTERS.removed,
  ].filter(Boolean).length;
}

/** Clicking a column header: a new column sorts ascending; the same column flips direction. */
export function nextSort(current: RosterFilters['sort'], field: RosterSortField): RosterFilters['sort'] {
  if (current.field !== field) return { field, dir: 'asc' };
  return { field, dir: current.dir === 'asc' ? 'desc' : 'asc' };
}

/** The blocks of `size` rows that cover rows `start`..`end` (inclusive), clipped to `total`. */
export function blocksFor(start: number, end: number, size: number, total: number): number[] {
  if (total <= 0 || end < start) return [];
  const first = Math.max(0, Math.floor(start / size));
  const last = Math.min(Math.floor((total - 1) / size), Math.floor(Math.max(0, end) / size));
  const blocks: number[] = [];
  for (let b = first; b <= last; b++) blocks.push(b);
  return blocks;
}

/** Which cached blocks to drop to keep at most `max`, furthest from the visible block first. */
export function blocksToEvict(cached: number[], visibleBlock: number, max: number): number[] {
  if (cached.length <= max) return [];
  return [...cached].sort((a, b) => Math.abs(b - visibleBlock) - Math.abs(a - visibleBlock)).slice(0, cached.length - max);
}

/** "1,234", or "1,000+" for a total counted only up to the cap (more patients match). */
export function totalText(total: number, capped: boolean): string {
  return capped ? `${formatCount(total)}+` : formatCount(total);
}
