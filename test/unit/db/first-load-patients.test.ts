import { cpSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultMigrationsDir, openCache, type Cache } from '../../../electron/core/db';
import { openConnection } from '../../../electron/core/db/connection';
import { migrate } from '../../../electron/core/db/migrate';
import { readMigrationFiles } from '../../../electron/core/db/migration-files';
import type { RemotePatient, RosterQuery } from '../../../electron/core/domain';
import { KEY, openTestCache, remotePatient, SOURCE, T0, tempDir } from './fixtures';

const T1 = '2025-06-02T00:00:00.000Z';
const FIRST_NAMES = ['Aroha', 'Mei', 'Liam', 'Zoë', 'Ana', 'Tomasz', 'Priya', 'Óscar'];
const LAST_NAMES = ['Ngata', 'Chen', 'Brown', 'Álvarez', 'Kowalski', 'Singh', 'Okafor', 'Nguyen', 'Smith'];
const PATIENTS = 240;

/** Patient n of a practice, with names that repeat and sort in no particular order, some archived. */
function patient(n: number): RemotePatient {
  return remotePatient(String(836447129235883061n + BigInt((n * 7919) % 100_003)), {
    firstName: FIRST_NAMES[(n * 5) % FIRST_NAMES.length],
    lastName: LAST_NAMES[(n * 7) % LAST_NAMES.length],
    dateOfBirth: n % 11 === 0 ? null : `19${50 + (n % 50)}-0${1 + (n % 9)}-1${n % 10}`,
    archived: n % 17 === 0,
  });
}

const practice = Array.from({ length: PATIENTS }, (_, n) => patient(n));

function pages<T>(rows: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));
}

/** A run as the sync engine starts one: created, then holding its source's lock. */
function startRun(cache: Cache, at: string, lock = true): number {
  const runId = cache.runs.create({
    source: SOURCE,
    trigger: 'manual',
    scope: { sources: [SOURCE], mode: 'full', phases: [], daysBack: 90, daysForward: 90 },
    startedAt: at,
  });
  if (lock) expect(cache.locks.acquire(SOURCE, runId, at, 60_000)).toBe(true);
  return runId;
}

function endRun(cache: Cache, runId: number, at: string): void {
  cache.transaction(() => {
    cache.runs.finish(runId, { status: 'completed', finishedAt: at });
    cache.locks.release(SOURCE, runId);
  });
}

function load(cache: Cache, rows: RemotePatient[], runId: number | null): void {
  for (const page of pages(rows, 40)) cache.transaction(() => cache.patients.upsertPage(SOURCE, page, T1, runId ?? undefined));
}

/** The same practice written as every later sync writes it: page by page, every index kept up to date. */
function loadedAsUsual(): Cache {
  const { cache } = openTestCache();
  load(cache, practice, null);
  return cache;
}

const patientsSchema = (cache: Cache) =>
  cache.db
    .prepare(`SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = 'patients' AND type IN ('index', 'trigger') ORDER BY name`)
    .all();
const deferred = (cache: Cache) =>
  cache.db.prepare('SELECT name, type, table_name AS tableName FROM deferred_indexes ORDER BY name').all() as Array<{
    name: string;
    type: string;
    tableName: string;
  }>;

const query = (overrides: Partial<RosterQuery>): RosterQuery => ({
  sort: { field: 'name', dir: 'asc' },
  offset: 0,
  limit: 25,
  nowIso: T1,
  ...overrides,
});

/** The roster as a front desk uses it: sorts both ways, filters, short and selective searches, later windows. */
const ROSTER_QUERIES: RosterQuery[] = [
  query({}),
  query({ sort: { field: 'name', dir: 'desc' }, offset: 25 }),
  query({ sort: { field: 'dateOfBirth', dir: 'asc' } }),
  query({ sort: { field: 'lastSyncedAt', dir: 'desc' }, archived: false }),
  query({ sort: { field: 'nextAppointment', dir: 'asc' }, offset: 200 }),
  query({ search: 'alv' }),
  query({ search: 'zoë ngata' }),
  query({ search: 'ok', sort: { field: 'dateOfBirth', dir: 'desc' } }),
  query({ search: 'example.test', archived: true }),
  query({ hasUpcoming: false, source: SOURCE }),
];

function answers(cache: Cache) {
  return { pages: ROSTER_QUERIES.map((q) => cache.roster.query(q)), counts: cache.roster.counts(T1) };
}

describe("a source's first load into an empty patients table", () => {
  it('leaves the roster indexes and search triggers out, answers the roster the same meanwhile, and builds them when its patients are in', () => {
    const usual = loadedAsUsual();
    const { cache } = openTestCache();
    const runId = startRun(cache, T1);

    load(cache, practice.slice(0, 120), runId);
    expect(deferred(cache)).toEqual([
      { name: 'patients_by_next_valid_from', type: 'index', tableName: 'patients' },
      { name: 'patients_roster_by_birth', type: 'index', tableName: 'patients' },
      { name: 'patients_roster_by_name', type: 'index', tableName: 'patients' },
      { name: 'patients_roster_by_next', type: 'index', tableName: 'patients' },
      { name: 'patients_roster_by_synced', type: 'index', tableName: 'patients' },
      { name: 'patients_roster_filters', type: 'index', tableName: 'patients' },
      { name: 'patients_roster_search', type: 'index', tableName: 'patients' },
      { name: 'patients_search_delete', type: 'trigger', tableName: 'patients' },
      { name: 'patients_search_insert', type: 'trigger', tableName: 'patients' },
      { name: 'patients_search_update', type: 'trigger', tableName: 'patients' },
    ]);
    // Linking local patients by email reads its index on every page: it stays.
    expect(patientsSchema(cache).map((row) => (row as { name: string }).name)).toContain('patients_by_email');
    load(cache, practice.slice(120), runId);
    expect(answers(cache)).toEqual(answers(usual));

    cache.patients.finishFirstLoad(runId);

    expect(deferred(cache)).toEqual([]);
    expect(patientsSchema(cache)).toEqual(patientsSchema(usual));
    expect(() => cache.db.exec(`INSERT INTO patients_search (patients_search) VALUES ('integrity-check')`)).not.toThrow();
    expect(answers(cache)).toEqual(answers(usual));
    endRun(cache, runId, T1);
    expect(answers(cache)).toEqual(answers(usual));
  });

  it('works as usual when the table already holds patients, or another desk ran the load', () => {
    const { cache } = openTestCache();
    load(cache, practice.slice(0, 1), null);
    const runId = startRun(cache, T1);
    load(cache, practice.slice(1), runId);
    expect(deferred(cache)).toEqual([]);
    endRun(cache, runId, T1);

    const other = openTestCache().cache;
    const mirrored = startRun(other, T1, false);
    load(other, practice, mirrored);
    expect(deferred(other)).toEqual([]);
  });

  it("builds what a run's first load left out of both tables when the run ends", () => {
    const usual = loadedAsUsual();
    const { cache } = openTestCache();
    const runId = startRun(cache, T1);
    load(cache, practice, runId);
    cache.transaction(() => cache.appointments.upsertPage(SOURCE, [], T1, runId));
    expect(new Set(deferred(cache).map((row) => row.tableName))).toEqual(new Set(['patients', 'appointments']));

    endRun(cache, runId, T1);

    expect(deferred(cache)).toEqual([]);
    expect(patientsSchema(cache)).toEqual(patientsSchema(usual));
    expect(answers(cache)).toEqual(answers(usual));
  });

  it('builds a killed load’s indexes and search index when the app starts again, and search finds its patients', () => {
    const usual = loadedAsUsual();
    const { cache, file } = openTestCache();
    const runId = startRun(cache, T1);
    load(cache, practice, runId);
    cache.close(); // as a killed process leaves it: the run still marked running, the objects listed

    const reopened = openCache({ file, key: KEY });
    try {
      expect(deferred(reopened)).toHaveLength(10);
      // The next start-up closes the run it finds running as abandoned.
      expect(reopened.runs.closeStale(T0, [runId])).toBe(1);
      expect(deferred(reopened)).toEqual([]);
      expect(patientsSchema(reopened)).toEqual(patientsSchema(usual));
      expect(answers(reopened)).toEqual(answers(usual));
    } finally {
      reopened.close();
    }
  });
});

describe('a load left listed by an app from before migration 0015', () => {
  it('has its appointment indexes built before the cache is migrated, then opens with every index', () => {
    const dir = tempDir();
    const migrations = path.join(dir, 'migrations');
    for (const name of readdirSync(defaultMigrationsDir()).filter((n) => n < '0015'))
      cpSync(path.join(defaultMigrationsDir(), name), path.join(migrations, name));
    const file = path.join(dir, 'cache.db');
    // Written with plain SQL at the older schema (today's repositories speak the new one): a killed
    // load's index, dropped and listed without the table and type columns.
    const old = openConnection(file, KEY);
    migrate(old, readMigrationFiles(migrations), T0);
    const definition = old.prepare(`SELECT sql FROM sqlite_schema WHERE name = 'appointments_by_patient'`).pluck().get() as string;
    old.exec('DROP INDEX appointments_by_patient');
    old.prepare('INSERT INTO deferred_indexes (name, sql, run_id) VALUES (?, ?, 1)').run('appointments_by_patient', definition);
    old.close();

    const cache = openCache({ file, key: KEY });
    try {
      expect(deferred(cache)).toEqual([]);
      expect(cache.db.prepare(`SELECT sql FROM sqlite_schema WHERE name = 'appointments_by_patient'`).pluck().get()).toBe(definition);
    } finally {
      cache.close();
    }
  });
});
