import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHeadlessService } from '../../../electron/core/app/headless';
import { defaultCacheFile, openCache, type Cache } from '../../../electron/core/db';
import { startClinikoEmulator, type ClinikoControl, type RunningEmulator } from '../../../electron/emulators';
import { TestClock } from '../../support/test-clock';

const clock = new TestClock();
const CHILD = path.resolve('test/support/first-load-child.ts');
const DEFERRED = ['appointments_by_patient', 'appointments_by_start'];
// A first load into an empty patients table leaves these out too (first-load-deferral.ts).
const PATIENT_OBJECTS = [
  'patients_by_next_valid_from',
  'patients_roster_by_birth',
  'patients_roster_by_name',
  'patients_roster_by_next',
  'patients_roster_by_synced',
  'patients_roster_filters',
  'patients_roster_search',
  'patients_search_delete',
  'patients_search_insert',
  'patients_search_update',
];

let emulator: RunningEmulator<ClinikoControl>;
let root: string;

beforeAll(async () => {
  // Enough pages, each a round trip, that the first load is still writing when it is killed.
  emulator = await startClinikoEmulator({ patients: 400, latencyMs: { min: 40, max: 40 }, now: clock.now });
  root = mkdtempSync(path.join(tmpdir(), 'clinicsync-killed-load-'));
});
afterAll(async () => {
  await emulator.close();
  rmSync(root, { recursive: true, force: true });
});

function withCache<T>(file: string, hexKey: string, fn: (cache: Cache) => T): T {
  const cache = openCache({ file, key: { kind: 'encrypted', hexKey } });
  try {
    return fn(cache);
  } finally {
    cache.close();
  }
}

const listed = (cache: Cache) => cache.db.prepare('SELECT name FROM deferred_indexes ORDER BY name').pluck().all();
/** The listed objects missing from the schema (all of them: each is either present or listed). */
const missing = (cache: Cache) =>
  cache.db.prepare('SELECT name FROM deferred_indexes WHERE name NOT IN (SELECT name FROM sqlite_schema) ORDER BY name').pluck().all();
const patientObjects = (cache: Cache) =>
  cache.db
    .prepare(
      `SELECT name FROM sqlite_schema WHERE tbl_name = 'patients' AND type IN ('index', 'trigger') AND name IN (SELECT value FROM json_each(?)) ORDER BY name`,
    )
    .pluck()
    .all(JSON.stringify(PATIENT_OBJECTS));
const indexes = (cache: Cache) =>
  cache.db
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'appointments' AND sql IS NOT NULL ORDER BY name`)
    .pluck()
    .all();

const storedAppointments = (cache: Cache) => cache.db.prepare('SELECT count(*) FROM appointments').pluck().get() as number;

/** Starts the child's first sync and kills it (SIGKILL) once its first load has left indexes out and stored appointments. */
async function killMidFirstLoad(dataDir: string, keyDir: string, env: NodeJS.ProcessEnv, file: string, hexKey: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, keyDir, emulator.url, emulator.apiKey], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('close', (_code, signal) => resolve(signal)));
  // Watched from another connection, as another process would: the moment the load holds the deferral.
  for (;;) {
    if (output.includes('finished') || child.exitCode !== null) throw new Error(`The first load ended before it was killed: ${output}`);
    if (output.includes('started') && withCache(file, hexKey, (cache) => listed(cache).length > 0 && storedAppointments(cache) > 0)) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
}

describe('a first load killed part way', () => {
  it('leaves a usable cache, and the next start builds its indexes; the next sync completes it', async () => {
    const dataDir = path.join(root, 'data');
    const keyDir = path.join(root, 'keys');
    const hexKey = randomBytes(32).toString('hex');
    const env = { CLINICSYNC_DB_KEY: hexKey };
    const file = defaultCacheFile(dataDir);

    await killMidFirstLoad(dataDir, keyDir, env, file, hexKey);

    // Opened as it was left: readable, whole, what was committed kept; the indexes still listed, as
    // the killed run is still marked running until the app starts again.
    withCache(file, hexKey, (cache) => {
      expect(cache.db.pragma('quick_check', { simple: true })).toBe('ok');
      // Patients and appointments load side by side: what is listed is the kill's timing, but each
      // object is either present or listed.
      expect(listed(cache).length).toBeGreaterThan(0);
      expect([...DEFERRED, ...PATIENT_OBJECTS]).toEqual(expect.arrayContaining(listed(cache)));
      expect(missing(cache)).toEqual(listed(cache));
      expect([...indexes(cache), ...patientObjects(cache), ...listed(cache)].sort()).toEqual([...DEFERRED, ...PATIENT_OBJECTS].sort());
      expect(storedAppointments(cache)).toBeGreaterThan(0);
      // Patients and appointments load side by side, so how many patients were in is the kill's timing;
      // the roster counts exactly those.
      const patients = cache.db.prepare('SELECT count(*) FROM patients').pluck().get();
      expect(
        cache.roster.query({ sort: { field: 'name', dir: 'asc' }, offset: 0, limit: 10, nowIso: clock.now().toISOString() }).total,
      ).toBe(patients);
    });

    // The next start of the app closes the dead process's run and builds the indexes.
    const service = openHeadlessService({
      name: 'ClinicSync',
      version: '1.2.3',
      dataDir,
      keyDir,
      env,
      now: clock.now,
      connectorOptions: { now: clock.now },
    });
    try {
      withCache(file, hexKey, (cache) => {
        expect(listed(cache)).toEqual([]);
        expect(indexes(cache)).toEqual(DEFERRED);
        expect(patientObjects(cache)).toEqual(PATIENT_OBJECTS);
        expect(cache.runs.list({ limit: 5, offset: 0 }).rows.map((run) => run.status)).toEqual(['abandoned']);
        // The search index was rebuilt from the patients in: a name finds its patient.
        const someone = cache.db.prepare('SELECT last_name FROM patients ORDER BY id LIMIT 1').pluck().get() as string;
        const found = cache.roster.query({
          search: someone,
          sort: { field: 'name', dir: 'asc' },
          offset: 0,
          limit: 5,
          nowIso: clock.now().toISOString(),
        });
        expect(found.rows.length).toBeGreaterThan(0);
        expect(found.rows.every((row) => row.lastName === someone || row.email?.includes(someone.toLowerCase()))).toBe(true);
      });

      const start = await service.sync.start({ mode: 'full', trigger: 'manual' });
      const [run] = await start.done;
      expect(run?.status).toBe('completed');
      withCache(file, hexKey, (cache) => {
        expect(indexes(cache)).toEqual(DEFERRED);
        expect(listed(cache)).toEqual([]);
        const live = cache.db.prepare('SELECT count(*) FROM appointments WHERE deleted = 0').pluck().get() as number;
        expect(live).toBe(
          (run?.counts.appointmentsNew ?? 0) + (run?.counts.appointmentsUpdated ?? 0) + (run?.counts.appointmentsUnchanged ?? 0),
        );
        const withNext = cache.db.prepare('SELECT count(next_starts_at) FROM patients').pluck().get() as number;
        expect(withNext).toBeGreaterThan(0);
      });
    } finally {
      await service.close();
    }
  }, 120_000);
});
