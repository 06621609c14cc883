import { describe, expect, it } from 'vitest';
import { HistoryPruner, PRUNE_BATCH } from '../../../electron/core/app/history-pruner';
import type { Cache } from '../../../electron/core/db';
import type { ActivityLine, ChangeKind, SyncRunStatus } from '../../../electron/core/domain';
import { defaultAppSettings, type AppSettings } from '../../../electron/core/settings/app-settings';
import { openTestCache, remoteAppointment, remotePatient, SOURCE, T0 } from './fixtures';

// Defaults: activity lines 90 days (cut-off 2027-03-03), changes 1 year (2026-06-01), runs 2 years (2025-06-01).
const NOW = '2027-06-01T00:00:00.000Z';
const OTHER = 'cliniko-two';
const TABLES_PRUNED = ['activity_events', 'appointment_changes', 'sync_runs'];

function addRun(cache: Cache, source: string, startedAt: string, status: SyncRunStatus = 'completed'): number {
  const id = cache.runs.create({
    source,
    trigger: 'scheduled',
    scope: { sources: [source], mode: 'incremental', phases: ['patients'], daysBack: 90, daysForward: 90 },
    startedAt,
  });
  if (status !== 'running') cache.runs.finish(id, { status, finishedAt: startedAt });
  return id;
}

function addChange(
  cache: Cache,
  appointmentExternalId: string,
  detectedAt: string,
  runId: number,
  kind: ChangeKind = 'rescheduled',
): number {
  return cache.changes.record({
    source: SOURCE,
    appointmentExternalId,
    patientExternalId: 'p1',
    kind,
    beforeJson: null,
    afterJson: null,
    detectedAt,
    runId,
  });
}

/** Ticked off on the Changes work-list. */
function markDone(cache: Cache, ...ids: number[]): void {
  cache.changes.setDone(ids, { at: '2024-06-01T00:00:00.000Z', by: 'front-desk' });
}

function addLine(cache: Cache, runId: number | null, at: string): void {
  cache.activity.append({ runId, source: runId === null ? null : SOURCE, at, level: 'info', message: `Line at ${at}.` });
}

/** A cache with history of every age and kind, plus local and synced data retention must not touch. */
function historyOfEveryAge(cache: Cache) {
  cache.sources.add({ id: OTHER, kind: 'cliniko', name: 'Second clinic', baseUrl: null, credentialRef: 'k2' }, T0);
  cache.patients.upsertPage(SOURCE, [remotePatient('p1'), remotePatient('p2', { firstName: 'Mere' })], T0);
  cache.appointments.upsertPage(
    SOURCE,
    [
      remoteAppointment('past', { patientExternalId: 'p1', startsAt: '2025-01-10T09:00:00.000Z', endsAt: null }),
      remoteAppointment('upcoming', { patientExternalId: 'p1', startsAt: '2027-07-01T09:00:00.000Z', endsAt: null }),
    ],
    T0,
    null,
  );
  const patient = cache.patients.getByRemoteId(SOURCE, 'p1');
  if (!patient) throw new Error('fixture patient missing');
  cache.notes.add({ patientId: patient.id, body: 'Prefers mornings.', author: 'Front desk' }, T0);
  cache.organizations.link(patient.id, cache.organizations.create('Riverside Aged Care', T0).id, T0);
  cache.cursors.set(SOURCE, 'patients', '2027-05-31T00:00:00.000Z');

  const runs = {
    first: addRun(cache, SOURCE, '2024-01-01T00:00:00.000Z'),
    lonely: addRun(cache, SOURCE, '2024-03-01T00:00:00.000Z', 'failed'),
    withOldChange: addRun(cache, SOURCE, '2024-04-01T00:00:00.000Z'),
    withUndoneChange: addRun(cache, SOURCE, '2024-04-15T00:00:00.000Z'),
    withUpcomingChange: addRun(cache, SOURCE, '2024-05-01T00:00:00.000Z', 'partial_success'),
    unfinished: addRun(cache, SOURCE, '2024-06-01T00:00:00.000Z', 'running'),
    recent: addRun(cache, SOURCE, '2026-12-01T00:00:00.000Z'),
    latest: addRun(cache, SOURCE, '2027-05-31T00:00:00.000Z', 'deferred'),
    otherFirst: addRun(cache, OTHER, '2023-01-01T00:00:00.000Z'),
    otherSecond: addRun(cache, OTHER, '2023-01-15T00:00:00.000Z'),
    otherLastSuccess: addRun(cache, OTHER, '2023-02-01T00:00:00.000Z', 'partial_success'),
    otherLatest: addRun(cache, OTHER, '2023-03-01T00:00:00.000Z', 'failed'),
  };
  // The first sync's load: every appointment "new", no one's work-list item; it goes when old.
  addChange(cache, 'past', '2024-01-01T00:00:00.000Z', runs.first, 'new');
  // Old and done: goes. Old and still to do: stays, and so does its run.
  markDone(cache, addChange(cache, 'past', '2024-04-01T00:00:00.000Z', runs.withOldChange));
  addChange(cache, 'past', '2024-04-15T00:00:00.000Z', runs.withUndoneChange, 'cancelled');
  // Not the first run's: the feed shows it, however many older runs are removed.
  addChange(cache, 'upcoming', '2024-05-01T00:00:00.000Z', runs.withUpcomingChange, 'new');
  // Done, but about a visit still to come: stays until the visit has started.
  markDone(cache, addChange(cache, 'upcoming', '2024-05-01T00:00:00.000Z', runs.withUpcomingChange));
  addChange(cache, 'past', '2026-12-01T00:00:00.000Z', runs.recent);
  addLine(cache, runs.unfinished, '2024-06-01T00:00:00.000Z');
  addLine(cache, runs.recent, '2026-12-01T00:00:00.000Z');
  addLine(cache, runs.latest, '2027-05-31T00:00:00.000Z');
  addLine(cache, null, '2025-01-01T00:00:00.000Z');
  addLine(cache, null, '2027-05-01T00:00:00.000Z');
  return runs;
}

/** Every row of every table but the pruned ones, as text: any change anywhere shows. */
function everythingElse(cache: Cache): Record<string, string[]> {
  const tables = cache.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  return Object.fromEntries(
    tables
      .filter((table) => !TABLES_PRUNED.includes(table))
      .map((table) => [
        table,
        cache.db
          .prepare(`SELECT * FROM "${table}"`)
          .all()
          .map((row) => JSON.stringify(row))
          .sort(),
      ]),
  );
}

function pruner(cache: Cache, settings: AppSettings = defaultAppSettings(), lines: ActivityLine[] = []): HistoryPruner {
  return new HistoryPruner({
    cache,
    settings: { read: () => structuredClone(settings), write: () => undefined },
    now: () => new Date(NOW),
    onActivity: (line) => lines.push(line),
  });
}

const ids = (cache: Cache, sql: string) => cache.db.prepare(sql).pluck().all() as number[];

/** [detected, appointment, kind, done or to do] of every change left, oldest first. */
function keptChanges(cache: Cache): string[][] {
  const rows = cache.db
    .prepare('SELECT detected_at, appointment_external_id, kind, done_at FROM appointment_changes ORDER BY detected_at, id')
    .all() as Array<{ detected_at: string; appointment_external_id: string; kind: string; done_at: string | null }>;
  return rows.map((r) => [r.detected_at, r.appointment_external_id, r.kind, r.done_at === null ? 'to do' : 'done']);
}

/** The runs pruning keeps: each source's first, latest and latest successful, the unfinished and
 * recent ones, and those whose changes are still kept. */
function runsKept(runs: ReturnType<typeof historyOfEveryAge>): number[] {
  const { first, withUndoneChange, withUpcomingChange, unfinished, recent, latest, otherFirst, otherLastSuccess, otherLatest } = runs;
  return [first, withUndoneChange, withUpcomingChange, unfinished, recent, latest, otherFirst, otherLastSuccess, otherLatest].sort(
    (a, b) => a - b,
  );
}

describe('history retention', () => {
  it('removes old history, keeps recent and unfinished history and everything it points at, and touches nothing else', async () => {
    const { cache } = openTestCache();
    const runs = historyOfEveryAge(cache);
    const before = everythingElse(cache);
    const lines: ActivityLine[] = [];

    expect(await pruner(cache, defaultAppSettings(), lines).prune()).toEqual({ activity: 2, changes: 2, runs: 3 });

    expect(ids(cache, 'SELECT id FROM sync_runs ORDER BY id')).toEqual(runsKept(runs));
    expect(keptChanges(cache)).toEqual([
      ['2024-04-15T00:00:00.000Z', 'past', 'cancelled', 'to do'],
      ['2024-05-01T00:00:00.000Z', 'upcoming', 'new', 'to do'],
      ['2024-05-01T00:00:00.000Z', 'upcoming', 'rescheduled', 'done'],
      [T0, 'past', 'new', 'to do'], // first sightings outside any run (a fixture shortcut): still to do, so kept
      [T0, 'upcoming', 'new', 'to do'],
      ['2026-12-01T00:00:00.000Z', 'past', 'rescheduled', 'to do'],
    ]);
    expect(cache.db.prepare('SELECT at FROM activity_events ORDER BY at').pluck().all()).toEqual([
      '2024-06-01T00:00:00.000Z',
      '2027-05-01T00:00:00.000Z',
      '2027-05-31T00:00:00.000Z',
      NOW,
    ]);
    expect(everythingElse(cache)).toEqual(before);
    expect(cache.db.pragma('foreign_key_check')).toEqual([]);

    // The change feed still tells the first sync's load apart, and says what was removed.
    // (The feed also leaves out 'new' rows outside any run, as it always has.)
    expect(cache.changes.list({ hideInitialLoad: true, limit: 10, offset: 0 }).total).toBe(4);
    expect(lines).toEqual([
      {
        runId: null,
        source: null,
        at: NOW,
        level: 'info',
        message:
          'History tidied as set in Settings: removed 2 activity lines older than 90 days, 2 appointment changes older than 1 year and 3 sync runs older than 2 years.',
      },
    ]);
    expect(cache.activity.list({ limit: 1 })[0]?.message).toBe(lines[0]?.message);
  });

  it('removes nothing and says nothing when nothing is old enough', async () => {
    const { cache } = openTestCache();
    historyOfEveryAge(cache);
    const lines: ActivityLine[] = [];
    await pruner(cache).prune();
    const after = {
      rest: everythingElse(cache),
      runs: ids(cache, 'SELECT id FROM sync_runs'),
      count: cache.activity.list({ limit: 100 }).length,
    };

    expect(await pruner(cache, defaultAppSettings(), lines).prune()).toEqual({ activity: 0, changes: 0, runs: 0 });
    expect(lines).toEqual([]);
    expect({
      rest: everythingElse(cache),
      runs: ids(cache, 'SELECT id FROM sync_runs'),
      count: cache.activity.list({ limit: 100 }).length,
    }).toEqual(after);
  });

  it('follows the retention settings: longer keeps more, shorter removes more', async () => {
    const { cache } = openTestCache();
    const runs = historyOfEveryAge(cache);
    const keepLong = defaultAppSettings();
    keepLong.retention = { activityDays: 3650, runDays: 3650, changeDays: 3650 };
    expect(await pruner(cache, keepLong).prune()).toEqual({ activity: 0, changes: 0, runs: 0 });

    const keepWeek = defaultAppSettings();
    keepWeek.retention = { activityDays: 7, runDays: 7, changeDays: 7 };
    expect(await pruner(cache, keepWeek).prune()).toEqual({ activity: 3, changes: 2, runs: 3 });
    // Left: every change still to do, however old; the first, latest and latest successful run of
    // each source, the unfinished run and its line, the runs whose changes are kept, and the latest run's line.
    expect(keptChanges(cache).map(([, , , done]) => done)).toEqual(['to do', 'to do', 'done', 'to do', 'to do', 'to do']);
    expect(ids(cache, 'SELECT id FROM sync_runs ORDER BY id')).toEqual(runsKept(runs));
    expect(cache.runs.stats(NOW, SOURCE).lastSuccessAt).toBe('2026-12-01T00:00:00.000Z');
    expect(cache.runs.stats(NOW, OTHER).lastSuccessAt).toBe('2023-02-01T00:00:00.000Z');
    expect(ids(cache, 'SELECT run_id FROM activity_events WHERE run_id IS NOT NULL ORDER BY run_id')).toEqual([
      runs.unfinished,
      runs.latest,
    ]);
  });

  it('removes a long history in batches of its own, oldest first', async () => {
    const { cache } = openTestCache();
    const run = addRun(cache, SOURCE, '2027-05-01T00:00:00.000Z');
    const old = Date.parse('2026-01-01T00:00:00.000Z');
    cache.transaction(() => {
      for (let i = 0; i < PRUNE_BATCH + 500; i++) addLine(cache, run, new Date(old + i * 60_000).toISOString());
    });
    addLine(cache, run, '2027-05-01T00:00:00.000Z');

    expect(cache.retention.activityBefore('2027-01-01T00:00:00.000Z', 10)).toBe(10);
    expect(cache.db.prepare('SELECT min(at) FROM activity_events').pluck().get()).toBe(new Date(old + 10 * 60_000).toISOString());
    expect(await pruner(cache).prune()).toEqual({ activity: PRUNE_BATCH + 490, changes: 0, runs: 0 });
    expect(cache.db.prepare('SELECT at FROM activity_events WHERE run_id IS NOT NULL').pluck().all()).toEqual(['2027-05-01T00:00:00.000Z']);
  });

  it('removes old done changes and then the initial load in one batch limit, never a change still to do', () => {
    const { cache } = openTestCache();
    const first = addRun(cache, SOURCE, '2024-01-01T00:00:00.000Z');
    const later = addRun(cache, SOURCE, '2024-02-01T00:00:00.000Z');
    for (const id of ['a', 'b', 'c']) addChange(cache, id, '2024-01-01T00:00:00.000Z', first, 'new');
    for (const id of ['d', 'e', 'f']) markDone(cache, addChange(cache, id, '2024-02-01T00:00:00.000Z', later));
    for (const id of ['g', 'h']) addChange(cache, id, '2024-02-01T00:00:00.000Z', later, 'cancelled');
    const left = () => cache.db.prepare('SELECT appointment_external_id FROM appointment_changes ORDER BY id').pluck().all();

    expect(cache.retention.changesBefore('2025-01-01T00:00:00.000Z', NOW, 4)).toBe(4);
    expect(left()).toEqual(['b', 'c', 'g', 'h']);
    expect(cache.retention.changesBefore('2025-01-01T00:00:00.000Z', NOW, 4)).toBe(2);
    expect(cache.retention.changesBefore('2025-01-01T00:00:00.000Z', NOW, 4)).toBe(0);
    expect(left()).toEqual(['g', 'h']);
  });

  it('runs prunes one after another when several syncs end together', async () => {
    const { cache } = openTestCache();
    historyOfEveryAge(cache);
    const p = pruner(cache);
    const results = await Promise.all([p.prune(), p.prune()]);
    expect(results).toEqual([
      { activity: 2, changes: 2, runs: 3 },
      { activity: 0, changes: 0, runs: 0 },
    ]);
  });
});
