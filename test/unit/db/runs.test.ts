import { describe, expect, it } from 'vitest';
import { emptySyncCounts, type SyncRunStatus } from '../../../electron/core/domain';
import { openTestCache, remoteAppointment, remotePatient, SOURCE } from './fixtures';

const scope = { sources: [SOURCE], mode: 'incremental' as const, phases: ['patients' as const], daysBack: 90, daysForward: 90 };
const at = (minutes: number) => new Date(Date.parse('2025-06-10T00:00:00.000Z') + minutes * 60_000).toISOString();

describe('sync runs', () => {
  it('keeps every field of a run from start to finish', () => {
    const { cache } = openTestCache();
    const id = cache.runs.create({ source: SOURCE, trigger: 'scheduled', scope, startedAt: at(0), cursorBefore: { patients: at(-60) } });
    const counts = { ...emptySyncCounts(), patientsFound: 651, patientsNew: 3, errors: 1 };

    cache.runs.heartbeat(id, at(1), { counts, apiRequests: 40, rateLimitWaitMs: 1200 });
    const run = cache.runs.finish(id, {
      status: 'partial_success',
      finishedAt: at(2.5),
      counts,
      apiRequests: 44,
      rateLimitWaitMs: 1500,
      cursorBefore: { patients: at(-60) },
      cursorAfter: { patients: at(0) },
      countCheck: '651 of 651 patients, matches Cliniko',
      resumeAt: null,
      errors: [{ kind: 'invalid_data', message: 'One appointment had no start time.', at: at(2) }],
    });

    expect(run).toEqual({
      id,
      source: SOURCE,
      sourceName: 'Main clinic',
      trigger: 'scheduled',
      scope,
      status: 'partial_success',
      startedAt: at(0),
      finishedAt: at(2.5),
      heartbeatAt: at(1),
      durationMs: 150_000,
      counts,
      apiRequests: 44,
      rateLimitWaitMs: 1500,
      cursorBefore: { patients: at(-60) },
      cursorAfter: { patients: at(0) },
      countCheck: '651 of 651 patients, matches Cliniko',
      resumeAt: null,
      errors: [{ kind: 'invalid_data', message: 'One appointment had no start time.', at: at(2) }],
      desk: null,
    });
  });

  it('names a run’s source by its current name, and by its last one with "(removed)" once it is removed', () => {
    const { cache } = openTestCache();
    const id = cache.runs.create({ source: SOURCE, trigger: 'manual', scope, startedAt: at(0) });
    cache.sources.update(SOURCE, { name: 'Northside' }, at(1));
    expect(cache.runs.get(id)?.sourceName).toBe('Northside');
    cache.sources.remove(SOURCE);
    expect(cache.runs.get(id)?.sourceName).toBe('Northside (removed)');
    expect(cache.runs.list({ limit: 10, offset: 0 }).rows.map((run) => run.sourceName)).toEqual(['Northside (removed)']);
    // A run whose source was removed before names were kept is named by its id.
    const orphan = cache.runs.create({ source: 'intakeq-gone', trigger: 'manual', scope, startedAt: at(2) });
    expect(cache.runs.get(orphan)?.sourceName).toBe('intakeq-gone (removed)');
  });

  it('settles every touched patient’s next appointment when the run finishes', () => {
    const { cache } = openTestCache();
    cache.patients.upsertPage(SOURCE, [remotePatient('1')], at(0));
    const id = cache.runs.create({ source: SOURCE, trigger: 'scheduled', scope, startedAt: at(0) });
    cache.appointments.upsertPage(SOURCE, [remoteAppointment('a', { patientExternalId: '1', startsAt: at(60) })], at(1), id);

    cache.runs.finish(id, { status: 'completed', finishedAt: at(2) });

    const pending = cache.db.prepare('SELECT count(*) FROM next_appointment_pending').pluck().get();
    const next = cache.db.prepare("SELECT next_starts_at FROM patients WHERE external_id = '1'").pluck().get();
    expect(pending).toBe(0);
    expect(next).toBe(at(60));
  });

  it('lists runs newest first, filtered and paged with a total', () => {
    const { cache } = openTestCache();
    const ids = [0, 10, 20].map((m) => cache.runs.create({ source: SOURCE, trigger: 'manual', scope, startedAt: at(m) }));
    cache.runs.finish(ids[1]!, { status: 'failed', finishedAt: at(11) });

    const page = cache.runs.list({ limit: 2, offset: 0 });
    expect(page.total).toBe(3);
    expect(page.rows.map((r) => r.id)).toEqual([ids[2], ids[1]]);
    expect(cache.runs.list({ status: 'failed', limit: 10, offset: 0 }).rows.map((r) => r.id)).toEqual([ids[1]]);
  });

  it('closes runs whose heartbeat went quiet as abandoned and frees their locks', () => {
    const { cache } = openTestCache();
    const quiet = cache.runs.create({ source: SOURCE, trigger: 'scheduled', scope, startedAt: at(0) });
    cache.runs.heartbeat(quiet, at(3));
    cache.locks.acquire(SOURCE, quiet, at(0), 60_000);
    const alive = cache.runs.create({ source: 'other', trigger: 'manual', scope, startedAt: at(9) });

    expect(cache.runs.closeStale(at(5))).toBe(1);

    expect(cache.runs.get(quiet)).toMatchObject({ status: 'abandoned', finishedAt: at(3), durationMs: 180_000 });
    expect(cache.runs.get(quiet)?.errors).toEqual([expect.objectContaining({ kind: 'internal', at: at(3) })]);
    expect(cache.runs.get(alive)?.status).toBe('running');
    expect(cache.locks.holder(SOURCE)).toBeNull();
  });

  it('sums up history: totals, last success, average duration, recent failures', () => {
    const { cache } = openTestCache();
    const now = at(60 * 24 * 10);
    const finished = (startMinutes: number, minutes: number, status: SyncRunStatus) => {
      const id = cache.runs.create({ source: SOURCE, trigger: 'scheduled', scope, startedAt: at(startMinutes) });
      cache.runs.finish(id, { status, finishedAt: at(startMinutes + minutes) });
    };
    finished(0, 2, 'completed'); // 10 days ago: outside the 7-day rate
    finished(60 * 24 * 9.5, 4, 'failed'); // 12 hours ago
    finished(60 * 24 * 9, 1, 'completed');
    finished(60 * 24 * 9.8, 3, 'partial_success');
    finished(60 * 24 * 9.9, 1, 'cancelled');
    cache.runs.create({ source: SOURCE, trigger: 'manual', scope, startedAt: at(60 * 24 * 9.95) });

    expect(cache.runs.stats(now)).toEqual({
      total: 6,
      succeeded: 3,
      failed: 1,
      lastSuccessAt: at(60 * 24 * 9.8 + 3),
      averageDurationMs: 120_000,
      failuresLast24h: 1,
      successRate7d: 2 / 3,
    });
    expect(cache.runs.stats(now, 'another-source')).toMatchObject({ total: 0, lastSuccessAt: null, successRate7d: null });
  });
});

describe('per-source sync lock', () => {
  it('lets one run hold a source at a time', () => {
    const { cache } = openTestCache();

    expect(cache.locks.acquire(SOURCE, 1, at(0), 60_000)).toBe(true);
    expect(cache.locks.acquire(SOURCE, 2, at(0.5), 60_000)).toBe(false);
    expect(cache.locks.acquire(SOURCE, 1, at(0.5), 60_000)).toBe(true);
    cache.locks.release(SOURCE, 1);
    expect(cache.locks.acquire(SOURCE, 2, at(0.6), 60_000)).toBe(true);
  });

  it('is taken over once its holder stops heartbeating, and the old holder learns it lost it', () => {
    const { cache } = openTestCache();
    cache.locks.acquire(SOURCE, 1, at(0), 60_000);
    expect(cache.locks.heartbeat(SOURCE, 1, at(2))).toBe(true);

    expect(cache.locks.acquire(SOURCE, 2, at(2.5), 60_000)).toBe(false);
    expect(cache.locks.acquire(SOURCE, 2, at(3.5), 60_000)).toBe(true);
    expect(cache.locks.heartbeat(SOURCE, 1, at(3.6))).toBe(false);
    cache.locks.release(SOURCE, 1);
    expect(cache.locks.holder(SOURCE)).toMatchObject({ runId: 2, acquiredAt: at(3.5) });
  });
});
