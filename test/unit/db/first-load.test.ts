import { cpSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Cache } from '../../../electron/core/db';
import { defaultMigrationsDir, openCache } from '../../../electron/core/db';
import type { RemoteAppointment } from '../../../electron/core/domain';
import { KEY, openTestCache, remoteAppointment, remotePatient, SOURCE, T0, tempDir } from './fixtures';

const T1 = '2025-06-02T00:00:00.000Z';
const T2 = '2025-06-03T00:00:00.000Z';
const PATIENTS = 30;
const DEFERRED = ['appointments_by_patient', 'appointments_by_start'];

const patientId = (n: number) => String(836447129235883061n + BigInt(n));

/** Appointment n of a small practice: patients and start times in no particular order, as real pages come. */
function appointment(n: number, source = SOURCE): RemoteAppointment {
  const start = Date.parse(T0) + ((n * 7919) % 240) * 3_600_000 - 60 * 3_600_000;
  return remoteAppointment(String(1036447129235883061n + BigInt(n)), {
    source,
    patientExternalId: patientId((n * 13) % PATIENTS),
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + 1_800_000).toISOString(),
    status: n % 9 === 0 ? 'cancelled' : 'booked',
  });
}

const appointments = (count: number, source = SOURCE) => Array.from({ length: count }, (_, n) => appointment(n, source));

function pages<T>(rows: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));
}

function seedPatients(cache: Cache, source = SOURCE): void {
  const rows = Array.from({ length: PATIENTS }, (_, n) => remotePatient(patientId(n), { source }));
  cache.patients.upsertPage(source, rows, T0);
}

/** A run as the sync engine starts one: created, then holding its source's lock. */
function startRun(cache: Cache, at: string, source = SOURCE, lock = true): number {
  const runId = cache.runs.create({
    source,
    trigger: 'manual',
    scope: { sources: [source], mode: 'full', phases: [], daysBack: 90, daysForward: 90 },
    startedAt: at,
  });
  if (lock) expect(cache.locks.acquire(source, runId, at, 60_000)).toBe(true);
  return runId;
}

function endRun(cache: Cache, runId: number, at: string, source = SOURCE): void {
  cache.transaction(() => {
    cache.runs.finish(runId, { status: 'completed', finishedAt: at });
    cache.locks.release(source, runId);
  });
}

function load(cache: Cache, rows: RemoteAppointment[], at: string, runId: number, source = SOURCE): void {
  for (const page of pages(rows, 25)) cache.transaction(() => cache.appointments.upsertPage(source, page, at, runId));
}

const indexSql = (cache: Cache) =>
  cache.db.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'appointments' ORDER BY name`).all();
const indexNames = (cache: Cache) => (indexSql(cache) as Array<{ name: string }>).map((row) => row.name);
const deferredNames = (cache: Cache) => cache.db.prepare('SELECT name FROM deferred_indexes ORDER BY name').pluck().all();
const cachedAppointments = (cache: Cache) => cache.db.prepare('SELECT * FROM appointments ORDER BY id').all();
const nextAppointments = (cache: Cache) =>
  cache.db.prepare('SELECT external_id, next_appointment_id, next_starts_at, next_status FROM patients ORDER BY id').all();
const changeRows = (cache: Cache, runId: number) =>
  cache.db
    .prepare(
      'SELECT appointment_external_id, patient_external_id, kind, before, after FROM appointment_changes WHERE run_id = ? ORDER BY id',
    )
    .all(runId);

/** The same practice loaded as before this change: through a run that is not the source's first, so every row is listed. */
function loadedRecordByRecord(): { cache: Cache; runId: number } {
  const { cache } = openTestCache();
  seedPatients(cache);
  endRun(cache, startRun(cache, T0), T0);
  const runId = startRun(cache, T1);
  load(cache, appointments(120), T1, runId);
  endRun(cache, runId, T1);
  return { cache, runId };
}

describe("a source's first load", () => {
  it('writes no change per new appointment, while the run counts them and later runs list every change', () => {
    const { cache } = openTestCache();
    seedPatients(cache);
    const first = startRun(cache, T1);

    const outcomes = cache.appointments.upsertPage(SOURCE, appointments(3), T1, first);
    endRun(cache, first, T1);

    expect(outcomes.map((o) => o.outcome)).toEqual(['new', 'new', 'new']);
    expect(cache.changes.list({ limit: 10, offset: 0 }).total).toBe(0);

    const second = startRun(cache, T2);
    const [moved, same, cancelled] = appointments(3);
    const edited = [
      { ...moved, startsAt: '2025-06-11T09:00:00.000Z' } as RemoteAppointment,
      same as RemoteAppointment,
      { ...cancelled, status: 'cancelled' } as RemoteAppointment,
      appointment(3),
    ];
    cache.appointments.upsertPage(SOURCE, edited, T2, second);
    endRun(cache, second, T2);

    const listed = cache.changes.list({ limit: 10, offset: 0 }).rows.map((c) => [c.appointmentExternalId, c.kind, c.runId]);
    expect(listed.sort()).toEqual(
      [
        [moved?.externalId, 'rescheduled', second],
        [cancelled?.externalId, 'cancelled', second],
        [appointment(3).externalId, 'new', second],
      ].sort(),
    );
  });

  it('leaves the secondary indexes out while it runs and builds them, and every next appointment, when its run ends', () => {
    const before = loadedRecordByRecord();
    const { cache } = openTestCache();
    seedPatients(cache);
    // The roster was open during the patients phase: next appointments worked out before any arrived.
    cache.roster.query({ sort: { field: 'name', dir: 'asc' }, offset: 0, limit: 50, nowIso: T1 });
    const runId = startRun(cache, T1);

    load(cache, appointments(60), T1, runId);
    expect(deferredNames(cache)).toEqual(DEFERRED);
    expect(indexNames(cache)).toEqual(['sqlite_autoindex_appointments_1']);
    // The roster still answers meanwhile (next appointments wait for the end of the load).
    expect(cache.roster.query({ sort: { field: 'nextAppointment', dir: 'asc' }, offset: 0, limit: 50, nowIso: T1 }).total).toBe(PATIENTS);
    expect(cache.appointments.forPatient(SOURCE, patientId(0)).length).toBeGreaterThan(0);
    load(cache, appointments(120).slice(60), T1, runId);
    endRun(cache, runId, T1);

    expect(deferredNames(cache)).toEqual([]);
    expect(indexSql(cache)).toEqual(indexSql(before.cache));
    expect(cachedAppointments(cache)).toEqual(cachedAppointments(before.cache));
    expect(nextAppointments(cache)).toEqual(nextAppointments(before.cache));
    expect(nextAppointments(cache).filter((p) => (p as { next_starts_at: string | null }).next_starts_at !== null).length).toBeGreaterThan(
      0,
    );
    const plan = cache.db
      .prepare('EXPLAIN QUERY PLAN SELECT id FROM appointments WHERE +source_key = 1 AND patient_external_id = ? ORDER BY starts_at')
      .all(patientId(1)) as Array<{ detail: string }>;
    expect(plan.map((row) => row.detail).join(' ')).toContain('appointments_by_patient');
  });

  it('works out next appointments once the upcoming ones are in, which its end then leaves be, and they match a load listed record by record', () => {
    const before = loadedRecordByRecord();
    const { cache } = openTestCache();
    seedPatients(cache);
    // Worked out before the load: stale once it is in.
    cache.roster.query({ sort: { field: 'name', dir: 'asc' }, offset: 0, limit: 50, nowIso: T0 });
    const runId = startRun(cache, T1);
    const rows = appointments(120);
    const [upcoming, past] = [rows.filter((row) => row.startsAt >= T1), rows.filter((row) => row.startsAt < T1)];
    load(cache, upcoming, T1, runId);

    cache.appointments.settleNextAppointments(SOURCE, runId, T1);
    expect(cache.db.prepare('SELECT DISTINCT next_settled_at FROM deferred_indexes').pluck().all()).toEqual([T1]);
    // Past appointments after that cannot be anyone's next.
    load(cache, past, T1, runId);
    endRun(cache, runId, T2);

    for (const c of [cache, before.cache]) c.roster.query({ sort: { field: 'name', dir: 'asc' }, offset: 0, limit: 50, nowIso: T2 });
    // Loaded in another order, the appointments have other local ids: compared by remote id.
    const nextByRemoteId = (c: Cache) =>
      c.db
        .prepare(
          `SELECT p.external_id, a.external_id AS next, p.next_starts_at, p.next_status
           FROM patients p LEFT JOIN appointments a ON a.id = p.next_appointment_id ORDER BY p.id`,
        )
        .all();
    expect(nextByRemoteId(cache)).toEqual(nextByRemoteId(before.cache));
    expect(nextByRemoteId(cache).filter((p) => (p as { next: string | null }).next !== null).length).toBeGreaterThan(0);
    const validFrom = cache.db.prepare('SELECT next_valid_from FROM patients ORDER BY id').pluck().all() as string[];
    // Left be at the end, but for those whose next appointment started since (worked out again as of T2).
    expect(validFrom.filter((at) => at === T1).length).toBeGreaterThan(0);
    expect(validFrom.every((at) => at === T1 || at === T2)).toBe(true);
  });

  it('does nothing for a run that holds no deferral, and a load it never settled is worked out at its end', () => {
    const before = loadedRecordByRecord();
    const { cache } = openTestCache();
    seedPatients(cache);
    const mirrored = startRun(cache, T1, SOURCE, false);
    cache.appointments.settleNextAppointments(SOURCE, mirrored, T1);
    expect(cache.db.prepare('SELECT count(next_valid_from) FROM patients').pluck().get()).toBe(0);
    endRun(cache, mirrored, T1);

    const runId = startRun(cache, T1);
    load(cache, appointments(120), T1, runId);
    endRun(cache, runId, T1);
    expect(nextAppointments(cache)).toEqual(nextAppointments(before.cache));
  });

  it('then an incremental run finds the same changes as after a load listed record by record', () => {
    const before = loadedRecordByRecord();
    const { cache } = openTestCache();
    seedPatients(cache);
    const first = startRun(cache, T1);
    load(cache, appointments(120), T1, first);
    endRun(cache, first, T1);
    const edits = appointments(130).map((row, n) =>
      n % 10 === 0 ? { ...row, startsAt: new Date(Date.parse(row.startsAt) + 86_400_000).toISOString() } : row,
    );

    const runs = [before.cache, cache].map((c) => {
      const runId = startRun(c, T2);
      load(c, edits, T2, runId);
      endRun(c, runId, T2);
      return runId;
    });

    const [oldChanges, newChanges] = [changeRows(before.cache, runs[0] as number), changeRows(cache, runs[1] as number)];
    expect(newChanges).toEqual(oldChanges);
    expect(newChanges.filter((c) => (c as { kind: string }).kind === 'rescheduled')).toHaveLength(12);
    expect(newChanges.filter((c) => (c as { kind: string }).kind === 'new')).toHaveLength(10);
    expect(cachedAppointments(cache)).toEqual(cachedAppointments(before.cache));
    expect(nextAppointments(cache)).toEqual(nextAppointments(before.cache));
  });

  it('keeps the indexes when another desk ran the load (a run copied from the clinic hub holds no lock here)', () => {
    const { cache } = openTestCache();
    seedPatients(cache);
    const mirrored = startRun(cache, T1, SOURCE, false);

    load(cache, appointments(30), T1, mirrored);

    expect(deferredNames(cache)).toEqual([]);
    expect(indexNames(cache)).toEqual([...DEFERRED, 'sqlite_autoindex_appointments_1']);
    expect(cache.changes.list({ limit: 10, offset: 0 }).total).toBe(0);
  });

  it('lets a second first load at the same time work as usual, and both end with every index and next appointment', () => {
    const { cache } = openTestCache();
    const other = 'intakeq-main';
    cache.sources.add({ id: other, kind: 'intakeq', name: 'IntakeQ', baseUrl: null, credentialRef: 'k' }, T0);
    seedPatients(cache);
    seedPatients(cache, other);
    const a = startRun(cache, T1);
    const b = startRun(cache, T1, other);

    load(cache, appointments(40), T1, a);
    load(cache, appointments(40, other), T1, b, other);
    expect(cache.db.prepare('SELECT DISTINCT run_id FROM deferred_indexes').pluck().all()).toEqual([a]);
    endRun(cache, b, T1, other);
    expect(deferredNames(cache)).toEqual(DEFERRED);
    endRun(cache, a, T1);

    expect(indexNames(cache)).toEqual([...DEFERRED, 'sqlite_autoindex_appointments_1']);
    const nexts = cache.db.prepare('SELECT count(next_starts_at) FROM patients GROUP BY source ORDER BY source').pluck().all() as number[];
    expect(nexts[0]).toBeGreaterThan(0);
    expect(nexts[0]).toBe(nexts[1]);
  });

  it('builds the indexes of a load abandoned at start-up, or found ended when the cache opens', () => {
    const { cache, file } = openTestCache();
    seedPatients(cache);
    const runId = startRun(cache, T1);
    load(cache, appointments(60), T1, runId);

    expect(cache.runs.closeStale(T2, [runId])).toBe(1);
    expect(deferredNames(cache)).toEqual([]);
    expect(indexNames(cache)).toEqual([...DEFERRED, 'sqlite_autoindex_appointments_1']);
    // Its patients' next appointments are worked out by the next roster query, as after any run.
    cache.roster.query({ sort: { field: 'name', dir: 'asc' }, offset: 0, limit: 50, nowIso: T2 });
    expect(nextAppointments(cache).some((p) => (p as { next_starts_at: string | null }).next_starts_at !== null)).toBe(true);

    // A listed load whose run ended without this cache building its indexes (an older app closed it, say).
    const again = startRun(cache, T2, 'cliniko-main', false);
    cache.db.exec('DROP INDEX appointments_by_patient');
    cache.db
      .prepare('INSERT INTO deferred_indexes (name, sql, run_id) VALUES (?, ?, ?)')
      .run('appointments_by_patient', 'CREATE INDEX appointments_by_patient ON appointments (patient_external_id, starts_at)', again);
    cache.db.prepare("UPDATE sync_runs SET status = 'failed' WHERE id = ?").run(again);
    cache.close();

    const reopened = openCache({ file, key: KEY });
    try {
      expect(deferredNames(reopened)).toEqual([]);
      expect(indexNames(reopened)).toEqual([...DEFERRED, 'sqlite_autoindex_appointments_1']);
    } finally {
      reopened.close();
    }
  });

  it("builds a killed load's indexes before a newer app migrates the cache, so a migration may change them", () => {
    const { cache, file } = openTestCache();
    seedPatients(cache);
    const runId = startRun(cache, T1);
    load(cache, appointments(60), T1, runId);
    cache.close(); // as a killed process leaves it: the run still marked running, its indexes listed

    const migrations = tempDir();
    cpSync(defaultMigrationsDir(), migrations, { recursive: true });
    const next = String(readdirSync(migrations).length + 1).padStart(4, '0');
    writeFileSync(
      path.join(migrations, `${next}_patient_index_by_latest.sql`),
      'DROP INDEX appointments_by_patient;\nCREATE INDEX appointments_by_patient ON appointments (patient_external_id, starts_at DESC);',
    );
    const upgraded = openCache({ file, key: KEY, migrationsDir: migrations });
    try {
      expect(deferredNames(upgraded)).toEqual([]);
      expect(indexSql(upgraded)).toContainEqual({
        name: 'appointments_by_patient',
        sql: 'CREATE INDEX appointments_by_patient ON appointments (patient_external_id, starts_at DESC)',
      });
      expect(indexNames(upgraded)).toEqual([...DEFERRED, 'sqlite_autoindex_appointments_1']);
    } finally {
      upgraded.close();
    }
  });
});
