import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppService } from '../../../electron/core/service';
import { startClinikoEmulator, type ClinikoControl, type RunningEmulator } from '../../../electron/emulators';
import { TestClock } from '../../support/test-clock';
import { openTestService, type TestService } from '../../support/test-service';
import { closeHubTest, syncDesk } from './desks';
import { startPgCluster, type PgCluster } from './pg-cluster';

const DAY_MS = 86_400_000;
// The practice and both desks on one clock, anchored at a fixed date, moved on by whole days.
const clock = new TestClock();
let cluster: PgCluster;
let emulator: RunningEmulator<ClinikoControl>;
let url: string;
let joinCode: string;
let a: TestService;
let b: TestService;

beforeAll(async () => {
  cluster = await startPgCluster();
  emulator = await startClinikoEmulator({ patients: 30, latencyMs: { min: 1, max: 2 }, now: clock.now });
  url = await cluster.createDatabase('clinic');
  a = openTestService({ now: clock.now, deskName: 'Front desk' });
  b = openTestService({ now: clock.now, deskName: 'Back office' });
  await a.service.sources.add({ kind: 'cliniko', name: 'Northside', apiKey: emulator.apiKey, baseUrl: emulator.url });
  ({ joinCode } = await a.service.hub.init({ url }));
  await b.service.hub.join({ url, joinCode });
  // B keeps sync runs for the shortest time allowed.
  b.service.settings.update({ retention: { runDays: 7 } });
}, 120_000);
afterAll(() => closeHubTest([a, b], emulator, cluster), 60_000);

/** A desk's history: the runs it shows, oldest first. */
function historyOf(service: AppService): Array<{ id: number; desk: string | null; status: string }> {
  return service.history
    .runs({ limit: 100, offset: 0 })
    .rows.map((run) => ({ id: run.id, desk: run.desk, status: run.status }))
    .reverse();
}

/** The local runs that are copies of other desks' runs (each mapped from its origin run). */
function mirroredOn(desk: TestService): number[] {
  const cache = desk.openCache();
  try {
    return cache.db.prepare('SELECT local_run_id FROM hub_mirrored_runs ORDER BY local_run_id').pluck().all() as number[];
  } finally {
    cache.close();
  }
}

describe('history retention on a desk that mirrors other desks’ runs', () => {
  it('a desk that only follows the hub prunes old copied runs after applying, and a re-published run does not stay', async () => {
    await syncDesk(a.service);
    // A second run that fails (the key was replaced by a wrong one): no change points at it.
    const [source] = await a.service.sources.list();
    await a.service.sources.update({ id: source?.id ?? '', apiKey: 'MS0xLXdyb25na2V5LXdyb25na2V5-au1' });
    await syncDesk(a.service);
    await a.service.sources.update({ id: source?.id ?? '', apiKey: emulator.apiKey });
    await b.service.hub.exchange();
    await b.service.sync.idle();
    const [first, second] = historyOf(b.service);
    expect(historyOf(b.service)).toEqual([
      { id: first?.id, desk: 'Front desk', status: 'completed' },
      { id: second?.id, desk: 'Front desk', status: 'failed' },
    ]);

    // Eight days on, A syncs again: B copies that run, and its history retention (7 days) removes the
    // failed run (neither the source's first run nor its latest, and no change points at it).
    clock.advance(8 * DAY_MS);
    await syncDesk(a.service);
    expect((await b.service.hub.exchange()).applied).toBeGreaterThan(0);
    await b.service.sync.idle();
    const after = historyOf(b.service);
    expect(after.map((run) => run.id)).not.toContain(second?.id);
    expect(after).toHaveLength(2);
    expect(after[0]?.id).toBe(first?.id);
    expect(after[1]).toMatchObject({ desk: 'Front desk', status: 'completed' });
    expect(mirroredOn(b)).toEqual(after.map((run) => run.id));

    // A leaves and joins again, publishing every run it has once more: the old run B copies again is
    // pruned again after the same catch-up — B's history keeps its shape.
    await a.service.hub.leave();
    await a.service.hub.join({ url, joinCode });
    await b.service.hub.exchange();
    await b.service.sync.idle();
    expect(historyOf(b.service).map((run) => run.status)).toEqual(['completed', 'completed']);
    expect(mirroredOn(b)).toHaveLength(2);
    expect(historyOf(b.service)[0]?.id).toBe(first?.id);
    // And a new run of A still arrives as usual.
    await syncDesk(a.service);
    await b.service.hub.exchange();
    await b.service.sync.idle();
    expect(historyOf(b.service)).toHaveLength(3);
  }, 120_000);
});
