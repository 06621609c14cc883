import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Cache } from '../../../electron/core/db';
import type { ActivityLine } from '../../../electron/core/domain';
import { startClinikoEmulator, type ClinikoControl, type RunningEmulator } from '../../../electron/emulators';
import { TestClock } from '../../support/test-clock';
import { openTestService, type TestService } from '../../support/test-service';

// The emulated practice, the service and the ages below on one clock, anchored at a fixed date.
const clock = new TestClock();

let emulator: RunningEmulator<ClinikoControl>;
let t: TestService;

beforeAll(async () => {
  emulator = await startClinikoEmulator({ patients: 60, latencyMs: { min: 0, max: 0 }, now: clock.now });
});
afterAll(() => emulator.close());
afterEach(() => t?.dispose());

const DAY_MS = 86_400_000;
// Ages far from every limit, so the outcome does not depend on the day the test runs.
const daysAgo = (days: number) => new Date(clock.ms() - days * DAY_MS).toISOString();

async function syncAndSettle() {
  const start = await t.service.sync.start({ mode: 'incremental', trigger: 'manual' });
  const [run] = await start.done;
  await t.service.sync.idle();
  return run;
}

/** Another connection, as another process would open the cache; closed after `fn`. */
function withCache<T>(fn: (cache: Cache) => T): T {
  const cache = t.openCache();
  try {
    return fn(cache);
  } finally {
    cache.close();
  }
}

/** A change found three years ago, on the Changes work-list (done or still to do). */
function addOldChange(cache: Cache, source: string, runId: number, appointmentExternalId: string, done: boolean): void {
  const detectedAt = daysAgo(3 * 365);
  const id = cache.changes.record({
    source,
    appointmentExternalId,
    patientExternalId: null,
    kind: 'cancelled',
    beforeJson: null,
    afterJson: null,
    detectedAt,
    runId,
  });
  if (done) cache.changes.setDone([id], { at: detectedAt, by: 'front-desk' });
}

/** History of a run three years old — its activity and a done change about a past appointment — as an older ClinicSync left it. */
function addOldHistory(cache: Cache, source: string): { runId: number } {
  const startedAt = daysAgo(3 * 365);
  const runId = cache.runs.create({
    source,
    trigger: 'scheduled',
    scope: { sources: [source], mode: 'incremental', phases: ['patients'], daysBack: 90, daysForward: 90 },
    startedAt,
  });
  cache.runs.finish(runId, { status: 'completed', finishedAt: startedAt });
  cache.activity.append({ runId, source, at: startedAt, level: 'info', message: 'Patients: 60 records checked.' });
  cache.activity.append({ runId: null, source: null, at: daysAgo(200), level: 'info', message: 'Schedule changed.' });
  addOldChange(cache, source, runId, 'gone-long-ago', true);
  return { runId };
}

/** Local data and the synced cache, which retention must leave exactly as they were. */
function localAndSynced(cache: Cache) {
  const all = (sql: string) => cache.db.prepare(sql).all();
  return {
    sources: all('SELECT * FROM sources ORDER BY id'),
    notes: all('SELECT * FROM patient_notes ORDER BY id'),
    organizations: all('SELECT * FROM organizations ORDER BY id'),
    memberships: all('SELECT * FROM patient_organizations ORDER BY patient_id, organization_id'),
    patients: all(
      'SELECT id, external_id, first_name, last_name, email, phone, date_of_birth, archived, deleted FROM patients ORDER BY id',
    ),
    appointments: all('SELECT id, external_id, starts_at, status, deleted FROM appointments ORDER BY id'),
  };
}

describe('history retention after a sync', () => {
  it('removes history older than the settings allow after each sync, keeps recent history, and leaves the cache alone', async () => {
    t = openTestService({ now: clock.now });
    const source = await t.service.sources.add({ kind: 'cliniko', name: 'Northside', apiKey: emulator.apiKey, baseUrl: emulator.url });
    const first = await syncAndSettle();
    expect(first?.status).toBe('completed');
    const patient = t.service.roster.query({ sort: { field: 'name', dir: 'asc' }, offset: 0, limit: 1 }).rows[0];
    expect(patient).toBeDefined();
    withCache((cache) => {
      cache.notes.add({ patientId: patient?.id as number, body: 'Needs a wheelchair ramp.', author: 'Front desk' }, daysAgo(400));
      cache.organizations.link(patient?.id as number, cache.organizations.create('Riverside Aged Care', daysAgo(400)).id, daysAgo(400));
    });
    const old = withCache((cache) => addOldHistory(cache, source.id));
    // Nobody has ticked this one off yet: it stays however old, and so does the run it points at.
    withCache((cache) => addOldChange(cache, source.id, first?.id as number, 'still-to-do', false));
    const before = withCache(localAndSynced);
    // The initial load is counted on its run, not listed change by change.
    const firstChanges = t.service.history.changes({ since: daysAgo(1), includeInitialLoad: true, limit: 1, offset: 0 }).total;
    expect(firstChanges).toBe(0);
    const lines: ActivityLine[] = [];
    t.service.events.on('activity', (line) => lines.push(line));

    const second = await syncAndSettle();

    expect(second?.status).toBe('completed');
    expect(() => t.service.history.run(old.runId)).toThrow(`There is no sync run ${old.runId}.`);
    expect(t.service.history.runs({ limit: 10, offset: 0 }).rows.map((run) => run.id)).toEqual([second?.id, first?.id]);
    expect(t.service.history.run(first?.id as number).activity.length).toBeGreaterThan(0);
    const kept = t.service.history.changes({ since: daysAgo(4 * 365), includeInitialLoad: true, limit: 100_000, offset: 0 });
    expect(kept.total).toBe(firstChanges + 1);
    expect(kept.rows.filter((row) => row.doneAt === null && row.kind === 'cancelled').map((row) => row.appointmentExternalId)).toEqual([
      'still-to-do',
    ]);
    expect(t.service.history.activity(100, 'info').map((line) => line.message)).not.toContain('Schedule changed.');
    expect(lines.map((line) => line.message)).toContain(
      'History tidied as set in Settings: removed 2 activity lines older than 90 days, 1 appointment change older than 1 year and 1 sync run older than 2 years.',
    );
    const after = withCache(localAndSynced);
    expect(after).toEqual(before);
    expect(after.notes).toHaveLength(1);
    expect(after.patients).toHaveLength(60);
  });

  it('follows a retention change made through Settings at the next sync', async () => {
    t = openTestService({ now: clock.now });
    await t.service.sources.add({ kind: 'cliniko', name: 'Northside', apiKey: emulator.apiKey, baseUrl: emulator.url });
    await syncAndSettle();
    withCache((cache) =>
      cache.activity.append({ runId: null, source: null, at: daysAgo(30), level: 'info', message: 'A month-old line.' }),
    );
    await syncAndSettle();
    expect(t.service.history.activity(500, 'info').map((line) => line.message)).toContain('A month-old line.');

    expect(() => t.service.settings.update({ retention: { activityDays: 2 } })).toThrow(
      'Activity log lines must be kept for at least 7 days.',
    );
    expect(t.service.settings.update({ retention: { activityDays: 14 } }).retention).toEqual({
      activityDays: 14,
      runDays: 730,
      changeDays: 365,
    });
    await syncAndSettle();
    const messages = t.service.history.activity(500, 'info').map((line) => line.message);
    expect(messages).not.toContain('A month-old line.');
    expect(messages).toContain('History tidied as set in Settings: removed 1 activity line older than 14 days.');
  });
});
