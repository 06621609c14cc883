/**
 * Every path of the roster query (trigram candidates, an organization's members, the name index's
 * walk, sorted matches, a narrow sort index read backwards) against a plain reference: every
 * patient read once, filtered and sorted in JavaScript. Same rows in the same order, and the same
 * total (or "1,000+" only when more than 1,000 match).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultMigrationsDir, openCache, type Cache } from '../../../electron/core/db';
import { searchWords } from '../../../electron/core/db/repos/patient-text';
import { ROSTER_TOTAL_CAP, type RosterCountMode, type RosterQuery, type RosterSortField } from '../../../electron/core/domain';
import { benchAppointment, benchPatient, pages, pick, seededRandom } from '../../bench/db-bench-data';
import { KEY, T0, tempDir } from './fixtures';

const NOW = '2025-06-01T00:00:00.000Z';
const PER_SOURCE = 1_500;

interface Patient {
  id: number;
  source: string;
  sort_name: string;
  search_text: string;
  date_of_birth: string | null;
  next_starts_at: string | null;
  next_status: string | null;
  last_synced_at: string | null;
  archived: number;
  deleted: number;
  organization_count: number;
  external_id: string | null;
}

function seed(cache: Cache): void {
  const random = seededRandom(7);
  for (const source of ['cliniko', 'intakeq']) {
    cache.sources.add({ id: source, kind: source as 'cliniko', name: source, baseUrl: null, credentialRef: source }, T0);
    const patients = Array.from({ length: PER_SOURCE }, (_, n) => benchPatient(source, n, random));
    // Different sync times, some never synced: the last-synced sort has ties and missing values.
    patients.forEach((patient, n) => cache.patients.upsertPage(source, [patient], n % 10 === 0 ? T0 : NOW));
    const appointments = Array.from({ length: PER_SOURCE * 2 }, (_, n) => benchAppointment(source, n, PER_SOURCE, NOW, random));
    for (const page of pages(appointments, 100)) cache.appointments.upsertPage(source, page, NOW, null);
  }
  const organizations = ['Hillside School', 'Arcadia Trust', 'Youth Program'].map((name) => cache.organizations.create(name, T0));
  const ids = cache.db.prepare('SELECT id FROM patients').pluck().all() as number[];
  cache.transaction(() => {
    for (const id of ids) {
      if (random() < 0.3) cache.organizations.link(id, pick(random, organizations).id, T0);
      if (random() < 0.05) cache.organizations.link(id, organizations[0]!.id, T0);
    }
  });
  cache.db.prepare('UPDATE patients SET archived = 1 WHERE id % 17 = 0').run();
  cache.db.prepare('UPDATE patients SET deleted = 1, removed_at = ? WHERE id % 23 = 0').run(NOW);
  cache.db.prepare('UPDATE patients SET external_id = NULL WHERE id % 29 = 0').run();
}

const SORT_KEYS: Record<RosterSortField, keyof Patient> = {
  name: 'sort_name',
  dateOfBirth: 'date_of_birth',
  nextAppointment: 'next_starts_at',
  lastSyncedAt: 'last_synced_at',
};

/** SQLite's BINARY order (UTF-8 bytes), missing values last, then id; desc reverses all of it. */
function compare(field: RosterSortField, a: Patient, b: Patient): number {
  const x = a[SORT_KEYS[field]] as string | null;
  const y = b[SORT_KEYS[field]] as string | null;
  if (x !== y) {
    if (x === null) return 1;
    if (y === null) return -1;
    const byBytes = Buffer.compare(Buffer.from(x), Buffer.from(y));
    if (byBytes !== 0) return byBytes;
  }
  return a.id - b.id;
}

function reference(patients: Patient[], members: Map<number, Set<number>>, query: RosterQuery): number[] {
  const words = searchWords(query.search ?? '');
  const flag = (value: boolean | undefined, stored: number) => value === undefined || stored === (value ? 1 : 0);
  const matches = patients.filter(
    (p) =>
      (query.source === undefined || p.source === query.source) &&
      (query.organizationId === undefined || members.get(query.organizationId)?.has(p.id) === true) &&
      (query.affiliated === undefined || p.organization_count > 0 === query.affiliated) &&
      (query.hasUpcoming === undefined || (p.next_status !== null) === query.hasUpcoming) &&
      (query.status === undefined || p.next_status === query.status) &&
      flag(query.archived, p.archived) &&
      flag(query.removed, p.deleted) &&
      (query.hasRemoteId === undefined || (p.external_id !== null) === query.hasRemoteId) &&
      words.every((word) => p.search_text.includes(word)),
  );
  const sign = query.sort.dir === 'desc' ? -1 : 1;
  return matches.sort((a, b) => sign * compare(query.sort.field, a, b)).map((p) => p.id);
}

function randomQuery(random: () => number, organizationIds: number[]): RosterQuery & { count: RosterCountMode } {
  const query: RosterQuery & { count: RosterCountMode } = {
    sort: {
      field: pick(random, ['name', 'dateOfBirth', 'nextAppointment', 'lastSyncedAt'] as const),
      dir: random() < 0.5 ? 'asc' : 'desc',
    },
    offset: 0,
    limit: pick(random, [1, 50, 200]),
    nowIso: NOW,
    count: pick(random, ['auto', 'auto', 'exact', 'none'] as const),
  };
  // Short words (no trigram), broad and selective trigram searches, two words, a phone number.
  if (random() < 0.6)
    query.search = pick(random, ['al', 'Ja', 'ex', 'e', 'smi', 'ngata', 'jane', 'example.test', 'mei lee', '0412', 'wiremu.tanaka', 'zq']);
  if (random() < 0.3) query.source = pick(random, ['cliniko', 'intakeq']);
  if (random() < 0.2) query.organizationId = pick(random, organizationIds);
  if (random() < 0.15) query.affiliated = random() < 0.5;
  if (random() < 0.2) query.hasUpcoming = random() < 0.6;
  if (random() < 0.1) query.status = pick(random, ['booked', 'pending', 'confirmed'] as const);
  if (random() < 0.3) query.archived = random() < 0.8 ? false : true;
  if (random() < 0.2) query.removed = random() < 0.8 ? false : true;
  if (random() < 0.1) query.hasRemoteId = random() < 0.5;
  return query;
}

/** Patients and organization members as stored, once every next appointment is settled as of NOW. */
function snapshot(cache: Cache): { patients: Patient[]; members: Map<number, Set<number>> } {
  cache.roster.counts(NOW);
  const patients = cache.db
    .prepare(
      `SELECT id, source, sort_name, search_text, date_of_birth, next_starts_at, next_status, last_synced_at, archived,
              deleted, organization_count, external_id FROM patients`,
    )
    .all() as Patient[];
  const members = new Map<number, Set<number>>();
  const links = cache.db.prepare('SELECT patient_id, organization_id FROM patient_organizations').all() as Array<{
    patient_id: number;
    organization_id: number;
  }>;
  for (const { patient_id, organization_id } of links) {
    const set = members.get(organization_id) ?? new Set<number>();
    set.add(patient_id);
    members.set(organization_id, set);
  }
  return { patients, members };
}

/**
 * `count` random queries, each at a random window (the top, the middle, the last rows, one past
 * the end), checked against the reference. Returns which kinds of answer they gave.
 */
function expectReferenceAnswers(cache: Cache, count: number, seedNumber: number): Set<string> {
  const { patients, members } = snapshot(cache);
  const random = seededRandom(seedNumber);
  const organizationIds = [...members.keys()];
  const paths = new Set<string>();
  for (let n = 0; n < count; n++) {
    const query = randomQuery(random, organizationIds);
    const expected = reference(patients, members, query);
    const at = pick(random, [0, 0, Math.floor(random() * expected.length), Math.max(0, expected.length - 7), expected.length + 1]);
    const windowed = { ...query, offset: at };
    const page = cache.roster.query(windowed);
    const context = JSON.stringify({ ...windowed, nowIso: undefined, matches: expected.length });
    expect(
      page.rows.map((row) => row.id),
      context,
    ).toEqual(expected.slice(at, at + query.limit));
    if (query.count === 'none') expect(page.total, context).toBeNull();
    else if (page.totalIsCapped) {
      expect(query.count, context).toBe('auto');
      expect(page.total, context).toBe(ROSTER_TOTAL_CAP);
      expect(expected.length, context).toBeGreaterThan(ROSTER_TOTAL_CAP);
    } else expect(page.total, context).toBe(expected.length);
    paths.add(`${query.search === undefined ? 'filters' : 'search'} ${query.sort.field} ${page.totalIsCapped ? 'capped' : 'counted'}`);
  }
  return paths;
}

describe('roster queries against a plain reference', () => {
  let cache: Cache;

  beforeAll(() => {
    cache = openCache({ file: path.join(tempDir(), 'roster.db'), key: KEY });
    seed(cache);
    return () => cache.close();
  });

  it('returns the same rows and totals for windows at the top, deep, near the end and past it', () => {
    const paths = expectReferenceAnswers(cache, 600, 11);
    // The mix reached capped and exact totals of searches, and filters, in every order.
    const sorts = ['dateOfBirth', 'lastSyncedAt', 'name', 'nextAppointment'];
    const expectedPaths = [
      ...sorts.map((sort) => `filters ${sort} counted`),
      ...sorts.flatMap((sort) => [`search ${sort} capped`, `search ${sort} counted`]),
    ];
    expect([...paths].sort()).toEqual(expectedPaths.sort());
  });
});

describe('migration 0013', () => {
  it('moves the search text from three sort indexes to one filter index, and the roster answers as before', () => {
    const dir = tempDir();
    const cache = openCache({ file: path.join(dir, 'cache.db'), key: KEY });
    seed(cache);
    // The patients' roster indexes as they were before 0013 (0001's definitions). The cache cannot be
    // opened at 0012 itself: later migrations reshape tables today's repositories are written for.
    cache.db.exec(`DROP INDEX patients_roster_search;
      DROP INDEX patients_roster_by_birth; DROP INDEX patients_roster_by_next; DROP INDEX patients_roster_by_synced;
      CREATE INDEX patients_roster_by_birth ON patients
        (date_of_birth IS NULL, date_of_birth, id, source, archived, deleted, next_status, organization_count, search_text);
      CREATE INDEX patients_roster_by_next ON patients
        (next_starts_at IS NULL, next_starts_at, id, source, archived, deleted, next_status, organization_count, search_text);
      CREATE INDEX patients_roster_by_synced ON patients
        (last_synced_at IS NULL, last_synced_at, id, source, archived, deleted, next_status, organization_count, search_text);`);
    const indexed = (index: string) =>
      (cache.db.prepare(`SELECT name FROM pragma_index_info(?)`).pluck().all(index) as Array<string | null>).includes('search_text');
    expect(indexed('patients_roster_by_next')).toBe(true);

    const migration = readdirSync(defaultMigrationsDir()).find((name) => name.startsWith('0013_'));
    cache.db.exec(readFileSync(path.join(defaultMigrationsDir(), migration ?? '0013 is missing'), 'utf8'));
    for (const index of ['patients_roster_by_birth', 'patients_roster_by_next', 'patients_roster_by_synced']) {
      expect(indexed(index), index).toBe(false);
    }
    expect(indexed('patients_roster_by_name')).toBe(true);
    expect(indexed('patients_roster_search')).toBe(true);
    expectReferenceAnswers(cache, 100, 5);
    cache.close();
  });
});
