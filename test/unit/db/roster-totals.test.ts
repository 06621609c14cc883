import { describe, expect, it } from 'vitest';
import { ROSTER_TOTAL_CAP, type RosterQuery } from '../../../electron/core/domain';
import { openTestCache, remoteAppointment, remotePatient, SOURCE, T0 } from './fixtures';

const NOW = '2025-06-05T12:00:00.000Z';
// "pe" has no trigram, so it is always the plain scan: the broad search a capped count is for.
const MATCHING = ROSTER_TOTAL_CAP + 1;

function clinic() {
  const { cache } = openTestCache();
  const people = Array.from({ length: MATCHING + 9 }, (_, n) =>
    remotePatient(String(n + 1), {
      firstName: n < MATCHING ? 'Pele' : 'Anna',
      lastName: `Number${String(n).padStart(5, '0')}`,
      email: null,
      phone: null,
      archived: n % 10 === 0,
    }),
  );
  for (let at = 0; at < people.length; at += 500) cache.patients.upsertPage(SOURCE, people.slice(at, at + 500), T0);
  const query = (q: Partial<RosterQuery>) =>
    cache.roster.query({ sort: { field: 'name', dir: 'asc' }, offset: 0, limit: 50, nowIso: NOW, ...q });
  return { cache, query };
}

describe('roster totals', () => {
  it('caps the count of a broad search, and counts every match when asked or when scrolled past the cap', () => {
    const { query } = clinic();
    const broad = query({ search: 'pe' });
    expect(broad).toMatchObject({ total: ROSTER_TOTAL_CAP, totalIsCapped: true });
    expect(broad.rows).toHaveLength(50);
    expect(query({ search: 'pe', count: 'exact' })).toMatchObject({ total: MATCHING, totalIsCapped: false });
    const pastCap = query({ search: 'pe', offset: ROSTER_TOTAL_CAP - 10, limit: 50 });
    expect(pastCap).toMatchObject({ total: MATCHING, totalIsCapped: false });
    expect(pastCap.rows).toHaveLength(11);
  });

  it('gives exact totals for searches and filters that are cheap to count', () => {
    const { query } = clinic();
    expect(query({ search: 'anna' })).toMatchObject({ total: 9, totalIsCapped: false });
    expect(query({ search: 'pe', archived: true })).toMatchObject({ total: 101, totalIsCapped: false });
    expect(query({ archived: false })).toMatchObject({ total: 909, totalIsCapped: false });
  });

  it('answers rows only when asked, the same rows as with a total', () => {
    const { query } = clinic();
    const counted = query({ search: 'pe', offset: 200, limit: 20 });
    const rowsOnly = query({ search: 'pe', offset: 200, limit: 20, count: 'none' });
    expect(rowsOnly.total).toBeNull();
    expect(rowsOnly.rows.map((r) => r.id)).toEqual(counted.rows.map((r) => r.id));
    expect(rowsOnly.rows[0]?.lastName).toBe('Number00200');
  });

  it('returns no rows but the true total for a window past the end', () => {
    const { query } = clinic();
    expect(query({ archived: true, offset: 5000 })).toEqual({ total: 101, totalIsCapped: false, rows: [] });
    expect(query({ search: 'anna', offset: 5000 })).toEqual({ total: 9, totalIsCapped: false, rows: [] });
  });

  it('counts the counters above the roster in one request, leaving out patients removed upstream', () => {
    const { cache } = clinic();
    cache.appointments.upsertPage(
      SOURCE,
      [remoteAppointment('next', { patientExternalId: '2', startsAt: '2025-06-09T08:00:00Z' })],
      T0,
      null,
    );
    const school = cache.organizations.create('Hillside School', T0);
    for (const externalId of ['3', '4']) cache.organizations.link(cache.patients.getByRemoteId(SOURCE, externalId)!.id, school.id, T0);
    cache.patients.markRemoved(SOURCE, ['4', '5'], T0);

    expect(cache.roster.counts(NOW)).toEqual({ all: MATCHING + 7, withUpcoming: 1, unaffiliated: MATCHING + 6 });
  });
});
