import { describe, expect, it } from 'vitest';
import { BROAD_SEARCH_PATIENTS, createSearchNarrowing, trigramsOf } from '../../../electron/core/db/repos/roster-search';
import { ROSTER_TOTAL_CAP, type RosterQuery } from '../../../electron/core/domain';
import { openTestCache, remotePatient, SOURCE, T0 } from './fixtures';

const NOW = '2025-06-05T12:00:00.000Z';
const byName = (search: string, over: Partial<RosterQuery> = {}): RosterQuery => ({
  search,
  sort: { field: 'name', dir: 'asc' },
  offset: 0,
  limit: 50,
  nowIso: NOW,
  ...over,
});
const names = (page: { rows: Array<{ lastName: string }> }) => page.rows.map((row) => row.lastName);

describe('trigrams of a search word', () => {
  it('cover every character with as few trigrams as possible', () => {
    expect(trigramsOf('wiremu.tanaka')).toEqual(['wir', 'emu', '.ta', 'nak', 'aka']);
    expect(trigramsOf('smith')).toEqual(['smi', 'ith']);
    expect(trigramsOf('smi')).toEqual(['smi']);
  });

  it('count characters, not UTF-16 units, and leave short words to the plain scan', () => {
    expect(trigramsOf('ma🙂ui')).toEqual(['ma🙂', '🙂ui']);
    expect(trigramsOf('al')).toEqual([]);
  });
});

describe('roster search through the trigram index', () => {
  function clinic() {
    const { cache } = openTestCache();
    cache.patients.upsertPage(
      SOURCE,
      [
        remotePatient('1', { firstName: 'Jane', lastName: 'Smith', email: 'jane@example.test', phone: '0412 345 678' }),
        remotePatient('2', { firstName: 'Wiremu', lastName: 'Tanaka', email: 'wiremu.tanaka@example.test', phone: null }),
        remotePatient('3', { firstName: 'José', lastName: 'Álvarez', email: 'jose@example.test', phone: null }),
        remotePatient('4', { firstName: 'Mei', lastName: 'Lee', email: 'mei"lee@example.test', phone: null }),
      ],
      T0,
    );
    return cache;
  }

  it('finds exactly what the plain scan finds: substrings, folded accents, phone digits, quotes', () => {
    const cache = clinic();
    expect(names(cache.roster.query(byName('mith')))).toEqual(['Smith']);
    expect(names(cache.roster.query(byName('alvarez')))).toEqual(['Álvarez']);
    expect(names(cache.roster.query(byName('0412-345')))).toEqual(['Smith']);
    expect(names(cache.roster.query(byName('mei"lee')))).toEqual(['Lee']);
    // Trigrams of "aka" and "wir" both in one patient, but not "wiremuaka": instr decides.
    expect(names(cache.roster.query(byName('wiremuaka')))).toEqual([]);
    expect(names(cache.roster.query(byName('tanaka wire')))).toEqual(['Tanaka']);
    expect(cache.roster.query(byName('example.test')).total).toBe(4);
  });

  it('follows renames and new patients, with totals that are never stale', () => {
    const cache = clinic();
    expect(cache.roster.query(byName('smith')).total).toBe(1);

    cache.patients.upsertPage(SOURCE, [remotePatient('1', { firstName: 'Jane', lastName: 'Smyth', email: 'jane@example.test' })], T0);
    cache.patients.upsertPage(SOURCE, [remotePatient('5', { firstName: 'Sam', lastName: 'Smithson', email: null, phone: null })], T0);

    expect(names(cache.roster.query(byName('smith')))).toEqual(['Smithson']);
    expect(names(cache.roster.query(byName('smyth')))).toEqual(['Smyth']);
    expect(cache.roster.query(byName('', { limit: 1 })).total).toBe(5);
  });

  it('counts again when another process changes the cache', () => {
    const { cache, file } = openTestCache();
    cache.patients.upsertPage(SOURCE, [remotePatient('1', { lastName: 'Ngata' })], T0);
    expect(cache.roster.query(byName('ngata')).total).toBe(1);

    const other = openTestCache({ dir: file.slice(0, file.lastIndexOf('/')), withSource: false }).cache;
    other.patients.upsertPage(SOURCE, [remotePatient('2', { lastName: 'Ngatai' })], T0);
    other.close();

    expect(cache.roster.query(byName('ngata')).total).toBe(2);
  });

  it('leaves broad searches to the scan, counted up to the cap unless asked for every match', () => {
    const { cache } = openTestCache();
    const many = Array.from({ length: BROAD_SEARCH_PATIENTS + 1 }, (_, n) =>
      remotePatient(String(n + 1), { lastName: `Person${n}`, email: `p${n}@example.test`, phone: null }),
    );
    for (let i = 0; i < many.length; i += 500) cache.patients.upsertPage(SOURCE, many.slice(i, i + 500), T0);
    const narrowing = createSearchNarrowing(cache.db);

    // Counted only up to the threshold, and one more.
    expect(narrowing(['example.test'], false)).toMatchObject({ few: false, candidates: BROAD_SEARCH_PATIENTS + 1 });
    expect(narrowing([`person${BROAD_SEARCH_PATIENTS}`], false)?.few).toBe(true);
    expect(narrowing(['al'], false)).toBeNull();
    const byBirth = (search: string, over: Partial<RosterQuery> = {}) =>
      byName(search, { sort: { field: 'dateOfBirth', dir: 'asc' }, ...over });
    expect(cache.roster.query(byBirth('example.test', { limit: 1 }))).toMatchObject({ total: ROSTER_TOTAL_CAP, totalIsCapped: true });
    expect(cache.roster.query(byBirth('example.test', { limit: 1, count: 'exact' }))).toMatchObject({
      total: BROAD_SEARCH_PATIENTS + 1,
      totalIsCapped: false,
    });
    expect(cache.roster.query(byBirth(`person${BROAD_SEARCH_PATIENTS}`)).total).toBe(1);
    // Another filter may thin the matches out along a walk, and so may the name order, where a
    // name's matches lie together: the candidates are looked up, and counted exactly.
    expect(narrowing(['example.test'], true)?.few).toBe(true);
    expect(cache.roster.query(byBirth('example.test', { limit: 1, removed: false }))).toMatchObject({ totalIsCapped: true });
    for (const query of [byBirth('example.test', { limit: 1, source: SOURCE }), byName('example.test', { limit: 1 })]) {
      expect(cache.roster.query(query)).toMatchObject({ total: BROAD_SEARCH_PATIENTS + 1, totalIsCapped: false });
    }
  });
});
