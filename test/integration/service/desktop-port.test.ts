import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopProgress, FinishedSync } from '../../../electron/main/desktop/ports';
import { desktopPortFor } from '../../../electron/main/desktop-port';
import { startClinikoEmulator, type ClinikoControl, type RunningEmulator } from '../../../electron/emulators';
import { TestClock } from '../../support/test-clock';
import { openTestService, type TestService } from '../../support/test-service';

// The emulated practice and the service on one clock, anchored at a fixed date.
const clock = new TestClock();

let emulator: RunningEmulator<ClinikoControl>;
let t: TestService;

beforeAll(async () => {
  emulator = await startClinikoEmulator({ patients: 40, latencyMs: { min: 1, max: 1 }, now: clock.now });
  t = openTestService({ now: clock.now });
});
afterAll(async () => {
  await t.dispose();
  await emulator.close();
});

describe('the application service as the tray sees it', () => {
  it('refuses Sync now with the reason when nothing is set up', async () => {
    await expect(desktopPortFor(t.service).syncNow()).rejects.toThrow(/add a source first/);
  });

  it('syncs from the tray, reports combined progress and the finished run by source name', async () => {
    await t.service.sources.add({ kind: 'cliniko', name: 'Northside', apiKey: emulator.apiKey, baseUrl: emulator.url });
    const port = desktopPortFor(t.service);
    const progress: DesktopProgress[] = [];
    const finished: FinishedSync[] = [];
    let changes = 0;
    port.onSyncProgress((p) => progress.push(p));
    port.onStatusChanged(() => (changes += 1));
    const done = new Promise<void>((resolve) =>
      port.onSyncFinished((f) => {
        finished.push(f);
        resolve();
      }),
    );
    await port.syncNow();
    expect(port.status().syncing).toBe(true);
    await done;
    await t.service.sync.idle();

    expect(finished).toEqual([expect.objectContaining({ trigger: 'manual', status: 'completed', sourceName: 'Northside', reason: null })]);
    expect(finished[0]?.summary).toMatch(/appointment|patient/);
    expect(progress.at(-1)?.percent).toBe(100);
    expect(changes).toBeGreaterThan(0);
    expect(port.status()).toMatchObject({ syncing: false, lastRun: { status: 'completed' }, paused: false, nextRun: expect.any(String) });
  });

  it('pauses and resumes the schedule for the tray menu', () => {
    const port = desktopPortFor(t.service);
    port.setPaused(true);
    expect(port.status()).toMatchObject({ paused: true, nextRun: null });
    port.setPaused(false);
    expect(port.status().paused).toBe(false);
  });
});
