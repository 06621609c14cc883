import { hostname } from 'node:os';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SyncProgressView, SyncRun } from '../../../electron/core/domain';
import { startClinikoEmulator, type ClinikoControl, type RunningEmulator } from '../../../electron/emulators';
import { TestClock } from '../../support/test-clock';
import { openTestService, type TestService } from '../../support/test-service';

// The emulated practice and the service on one clock, anchored at a fixed date.
const clock = new TestClock();

let emulator: RunningEmulator<ClinikoControl>;
let t: TestService;

beforeAll(async () => {
  emulator = await startClinikoEmulator({ patients: 120, latencyMs: { min: 5, max: 5 }, now: clock.now });
});
afterAll(() => emulator.close());
afterEach(() => t?.dispose());

async function withSource() {
  t = openTestService({ now: clock.now });
  return t.service.sources.add({ kind: 'cliniko', name: 'Northside', apiKey: emulator.apiKey, baseUrl: emulator.url });
}

describe('syncing through the application service', () => {
  it('syncs in the background, streams progress and reports the finished run', async () => {
    const source = await withSource();
    const progress: SyncProgressView[] = [];
    const finished: SyncRun[] = [];
    t.service.events.on('progress', (p) => progress.push(p));
    t.service.events.on('finished', (run) => finished.push(run));

    const start = await t.service.sync.start({ mode: 'incremental', trigger: 'manual' });
    expect(start.started).toEqual([{ source: source.id, runId: expect.any(Number) }]);
    expect(t.service.sync.isSyncing(source.id)).toBe(true);
    const [run] = await start.done;

    expect(run?.status).toBe('completed');
    expect(finished.map((r) => r.id)).toEqual([run?.id]);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)?.percent).toBe(100);
    const view = (await t.service.sources.list())[0];
    expect(view).toMatchObject({ patientsCached: 120, health: 'healthy', syncing: false });
    expect(t.service.roster.query({ sort: { field: 'name', dir: 'asc' }, offset: 0, limit: 10 }).total).toBe(120);
  });

  it('refuses a second sync of a source that is already syncing, with a clear message', async () => {
    const source = await withSource();
    const first = await t.service.sync.start({ mode: 'full', trigger: 'manual' });
    await expect(t.service.sync.start({ sources: [source.id], mode: 'full', trigger: 'manual' })).rejects.toMatchObject({
      code: 'sync_in_progress',
      message: 'Northside is already syncing. Wait for that sync to finish, or cancel it first.',
    });
    expect((await first.done)[0]?.status).toBe('completed');
  });

  it('shows a run as active from its start, and frees the source before announcing the end', async () => {
    const source = await withSource();
    const start = await t.service.sync.start({ mode: 'incremental', trigger: 'manual' });
    expect(t.service.status().active).toEqual([expect.objectContaining({ source: source.id, runId: start.started[0]?.runId })]);
    const next = new Promise<number>((resolve, reject) => {
      const stop = t.service.events.on('finished', () => {
        stop();
        t.service.sync.start({ mode: 'incremental', trigger: 'manual' }).then((again) => resolve(again.started.length), reject);
      });
    });
    await start.done;
    expect(await next).toBe(1);
    await t.service.sync.idle();
  });

  it('cancels a running sync and records it as cancelled', async () => {
    await withSource();
    const start = await t.service.sync.start({ mode: 'full', trigger: 'manual' });
    expect(t.service.sync.cancel()).toBe(1);
    const [run] = await start.done;
    expect(run?.status).toBe('cancelled');
    expect(t.service.sync.busy).toBe(false);
  });

  it('closes at once a run whose process died on this computer, and lets the next sync start', async () => {
    const source = await withSource();
    // A run left "running" by a process that no longer exists (pid 2^22 + 1 is above Linux's pid_max default).
    const cache = t.openCache();
    const now = clock.now().toISOString();
    const runId = cache.runs.create({
      source: source.id,
      trigger: 'manual',
      scope: { sources: [source.id], mode: 'full', phases: ['connect'], daysBack: 1, daysForward: 1 },
      startedAt: now,
    });
    cache.locks.acquire(source.id, runId, now, 60_000);
    cache.runs.setOwner(runId, `${hostname()}:4194305`);
    cache.close();

    expect(t.service.sync.recoverInterruptedRuns()).toBe(1);
    expect(t.service.history.run(runId).run.status).toBe('abandoned');
    const start = await t.service.sync.start({ mode: 'incremental', trigger: 'manual' });
    expect((await start.done)[0]?.status).toBe('completed');
  });

  it('says what is wrong when there is nothing to sync', async () => {
    t = openTestService({ now: clock.now });
    await expect(t.service.sync.start({ mode: 'incremental', trigger: 'manual' })).rejects.toMatchObject({ code: 'no_sources' });
  });
});
