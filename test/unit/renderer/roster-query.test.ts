import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  blocksFor,
  blocksToEvict,
  DEFAULT_FILTERS,
  nextSort,
  toRosterQuery,
} from '../../../renderer/src/lib/roster-query';

describe('toRosterQuery', () => {
  it('sends only what restricts: by default, the sort and "not removed upstream"', () => {
    expect(toRosterQuery(DEFAULT_FILTERS)).toEqual({ sort: { field: 'name', dir: 'asc' }, removed: false });
  });
  it('maps every control to the contract', () => {
    expect(
      toRosterQuery({
        search: '  ada   lovelace ',
        source: 'cliniko-1',
        organization: 7,
        hasUpcoming: 'yes',
        status: 'confirmed',
        archived: 'hide',
        removed: 'all',
        sort: { field: 'nextAppointment', dir: 'desc' },
      }),
    ).toEqual({
      search: 'ada lovelace',
      source: 'cliniko-1',
      organizationId: 7,
      hasUpcoming: true,
      status: 'confirmed',
      archived: false,
      sort: { field: 'nextAppointment', dir: 'desc' },
    });
  });
  it('maps organization membership and the three-way filters', () => {
    expect(toRosterQuery({ ...DEFAULT_FILTERS, organization: 'unaffiliated' }).affiliated).toBe(false);
    expect(toRosterQuery({ ...DEFAULT_FILTERS, organization: 'affiliated' }).affiliated).toBe(true);
    expect(toRosterQuery({ ...DEFAULT_FILTERS, hasUpcoming: 'no' }).hasUpcoming).toBe(false);
    expect(toRosterQuery({ ...DEFAULT_FILTERS, archived: 'only' }).archived).toBe(true);
    expect(toRosterQuery({ ...DEFAULT_FILTERS, removed: 'only' }).removed).toBe(true);
  });
  it('keeps search within the contract’s 200 characters', () => {
    expect(toRosterQuery({ ...DEFAULT_FILTERS, search: 'x'.repeat(300) }).search).toHaveLength(200);
    expect(toRosterQuery({ ...DEFAULT_FILTERS, search: '   ' }).search).toBeUndefined();
  });
});

describe('filters and sorting', () => {
  it('counts filters that differ from the defaults', () => {
    expect(activeFilterCount(DEFAULT_FILTERS)).toBe(0);
    expect(activeFilterCount({ ...DEFAULT_FILTERS, search: 'ada' })).toBe(0);
    expect(activeFilterCount({ ...DEFAULT_FILTERS, status: 'cancelled', removed: 'all' })).toBe(2);
  });
  it('sorts a new column ascending and flips the current one', () => {
    expect(nextSort({ field: 'name', dir: 'asc' }, 'dateOfBirth')).toEqual({ field: 'dateOfBirth', dir: 'asc' });
    expect(nextSort({ field: 'name', dir: 'asc' }, 'name')).toEqual({ field: 'name', dir: 'desc' });
    expect(nextSort({ field: 'name', dir: 'desc' }, 'name')).toEqual({ field: 'name', dir: 'asc' });
  });
});

describe('windows of rows', () => {
  it('covers the visible rows with whole blocks, clipped to the total', () => {
    expect(blocksFor(0, 30, 200, 50_000)).toEqual([0]);
    expect(blocksFor(190, 230, 200, 50_000)).toEqual([0, 1]);
    expect(blocksFor(-60, 40, 200, 50_000)).toEqual([0]);
    expect(blocksFor(49_990, 50_060, 200, 50_000)).toEqual([249]);
    expect(blocksFor(0, 30, 200, 0)).toEqual([]);
    expect(blocksFor(0, 30, 200, 10)).toEqual([0]);
  });
  it('evicts the blocks furthest from the screen first', () => {
    expect(blocksToEvict([0, 1, 2], 1, 5)).toEqual([]);
    expect(blocksToEvict([0, 1, 2, 3, 4, 5], 4, 4).sort()).toEqual([0, 1]);
  });
});
