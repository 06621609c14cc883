/**
 * A scheduled sync that fails (the API answering 5xx at 03:00) is retried by the service's schedule
 * after 5 minutes, as a 'retry' run of the failed source, and the schedule status says when.
 * The clock is injected; each check is made at once through wake(), never by waiting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncRun } from '../../../electron/core/domain';
import type { CronLike } from '../../../electron/core/schedule';
import { desktopPortFor } from '../../../electron/main/desktop-port';
import { startClinikoEmulator, type ClinikoControl, type RunningEmulator } from '../../../electron/emulators';
import { openTestService, type TestService } from '../../support/test-service';

const MINUTE = 60_000;
let clock = new Date('2026-06-14T03:10:00Z');
const idleCron: CronLike = { schedule: () => ({ destroy: () => undefined }) };

let emulator: RunningEmulator<ClinikoControl>;
let t: TestService;

beforeAll(async () => {
  emulator = await startClinikoEmulator({ patients: 20, latencyMs: { min: 1, max: 1 } });
  // The HTTP layer's backoff between its own retries is skipped, so a 5xx run fails at once.
  t = openTestService({ now: () => clock, cron: idleCron, connectorOptions: { sleep: async () => undefined } });
  t.service.settings.update({ schedule: { timeZone: 'UTC', nightly: { enabled: true, time: '03:00' } } });
  await t.service.sources.add({ kind: 'cliniko', name: 'Northside', apiKey: emulator.apiKey, baseUrl: emulator.url });
});
afterAll(async () => {
  t.service.schedule.stop();
  await t.dispose();
  await emulator.close();
});

/** Moves the clock, makes the schedule check, and returns the run it started (if any). */
async function checkAt(iso: string): Promise<SyncRun | null> {
  clock = new Date(iso);
  const finished = new Promise<SyncRun>((resolve) => {
    const stop = t.service.events.on('finished', (run) => {
      stop();
      resolve(run);
    });
  });
  if (t.service.schedule.wake().action !== 'run') return null;
  const run = await finished;
  await t.service.sync.idle();
  return run;
}

describe('the schedule retries a failed scheduled sync', () => {
  it('fails at 03:00 with the API down, says when it retries, and retries at 03:05 to completion', async () => {
    t.service.schedule.start(); // Sun 03:10: the first launch counts from now.
    emulator.setFaults({ serverErrorRate: 1 });

    const failed = await checkAt('2026-06-15T03:00:30Z');
    expect(failed).toMatchObject({ trigger: 'scheduled', status: 'failed', sourceName: 'Northside' });
    const retryAt = new Date(Date.parse(failed?.finishedAt as string) + 5 * MINUTE).toISOString();
    expect(t.service.schedule.status().retry).toEqual({ at: retryAt, runId: failed?.id, attempt: 1, attempts: 3 });
    // The tray reads it through the desktop port.
    expect(desktopPortFor(t.service).status().retry).toEqual({ at: retryAt, attempt: 1, attempts: 3 });

    // Not before its time.
    expect(await checkAt(new Date(Date.parse(retryAt) - 30_000).toISOString())).toBeNull();

    emulator.setFaults({});
    const retried = await checkAt(retryAt);
    expect(retried).toMatchObject({ trigger: 'retry', status: 'completed', source: failed?.source });
    expect(t.service.schedule.status().retry).toBeNull();
    expect(await checkAt('2026-06-15T04:30:00Z')).toBeNull();

    const history = t.service.history.runs({ limit: 10, offset: 0 }).rows;
    expect(history.map((run) => [run.trigger, run.status])).toEqual([
      ['retry', 'completed'],
      ['scheduled', 'failed'],
    ]);
  });
});
