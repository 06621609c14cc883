import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppService } from '../../../electron/core/service';
import { startClinikoEmulator, type ClinikoControl, type RunningEmulator } from '../../../electron/emulators';
import { openTestService, type TestService } from '../../support/test-service';
import { closeHubTest, exported } from './desks';
import { startPgCluster, type PgCluster } from './pg-cluster';

let cluster: PgCluster;
let emulator: RunningEmulator<ClinikoControl>;
const opened: TestService[] = [];

beforeAll(async () => {
  cluster = await startPgCluster();
  emulator = await startClinikoEmulator({ patients: 50, latencyMs: { min: 1, max: 2 } });
}, 120_000);
afterAll(() => closeHubTest(opened, emulator, cluster), 60_000);

/** Settles once `done()` holds, checked after each time the desk says what it shows changed. */
function whenShown(service: AppService, done: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (done()) return resolve();
    const stop = service.events.on('sourcesChanged', () => {
      if (!done()) return;
      stop();
      resolve();
    });
  });
}

describe('a running desk of a clinic hub', () => {
  it('is woken by NOTIFY and applies another desk’s sync as it is published; the console’s sync pulls once per clinic', async () => {
    const url = await cluster.createDatabase('clinic');
    const [a, b] = [openTestService(), openTestService()];
    opened.push(a, b);
    await a.service.sources.add({ kind: 'cliniko', name: 'Northside', apiKey: emulator.apiKey, baseUrl: emulator.url });
    const { joinCode } = await a.service.hub.init({ url });
    await b.service.hub.join({ url, joinCode });
    // B polls only every 30 s: converging within this test's time means NOTIFY woke it.
    await b.service.watchHub();

    const start = await a.service.clinicSync.start({ mode: 'incremental', trigger: 'manual' });
    const [run] = await start.done;
    expect(run?.status).toBe('completed');
    const patients = exported(a.service, 'patients');
    await whenShown(b.service, () => JSON.stringify(exported(b.service, 'patients')) === JSON.stringify(patients));
    expect(exported(b.service, 'appointments')).toEqual(exported(a.service, 'appointments'));

    // The console's "Sync now" on B (which has no key) starts no API pull: it brings B up to date from the hub.
    const requests = emulator.stats().requests;
    const fromB = await b.service.clinicSync.start({ mode: 'incremental', trigger: 'manual' });
    expect(fromB.started).toEqual([]);
    expect(await fromB.done).toEqual([]);
    expect(emulator.stats().requests).toBe(requests);
  }, 60_000);
});
