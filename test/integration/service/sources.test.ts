import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { filesIn } from '../../support/files-in';
import { startClinikoEmulator, type ClinikoControl, type RunningEmulator } from '../../../electron/emulators';
import { TestClock } from '../../support/test-clock';
import { openTestService, type TestService } from '../../support/test-service';

// The emulated practice and the service on one clock, anchored at a fixed date.
const clock = new TestClock();

let emulator: RunningEmulator<ClinikoControl>;
let t: TestService;

beforeAll(async () => {
  emulator = await startClinikoEmulator({ patients: 20, latencyMs: { min: 0, max: 0 }, now: clock.now });
});
afterAll(() => emulator.close());
afterEach(() => t?.dispose());

describe('sources through the application service', () => {
  it('adds a source with its key kept encrypted, tests it and lists it without the key', async () => {
    t = openTestService({ now: clock.now });
    const added = await t.service.sources.add({ kind: 'cliniko', name: 'Northside', apiKey: emulator.apiKey, baseUrl: emulator.url });
    expect(added).toMatchObject({ name: 'Northside', kind: 'cliniko', hasCredential: true, health: 'never_synced', patientsCached: 0 });
    expect(JSON.stringify(await t.service.sources.list())).not.toContain(emulator.apiKey);

    const result = await t.service.sources.test({ id: added.id });
    expect(result.userName).toBeTruthy();
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);

    for (const file of filesIn(t.dataDir)) expect(file.text, file.name).not.toContain(emulator.apiKey);
  });

  it('tests a key before saving it and explains a wrong key', async () => {
    t = openTestService({ now: clock.now });
    await expect(t.service.sources.test({ kind: 'cliniko', apiKey: emulator.apiKey, baseUrl: emulator.url })).resolves.toMatchObject({
      role: expect.any(String),
    });
    await expect(t.service.sources.test({ kind: 'cliniko', apiKey: 'wrong-key-au1', baseUrl: emulator.url })).rejects.toMatchObject({
      code: 'credentials_invalid',
      message: expect.stringMatching(/key/i),
    });
  });

  it('refuses a second source with the same name and keeps the first untouched', async () => {
    t = openTestService({ now: clock.now });
    await t.service.sources.add({ kind: 'cliniko', name: 'Northside', apiKey: emulator.apiKey, baseUrl: emulator.url });
    await expect(t.service.sources.add({ kind: 'intakeq', name: 'northside', apiKey: 'k', baseUrl: null })).rejects.toMatchObject({
      code: 'source_exists',
    });
    expect((await t.service.sources.list()).map((s) => s.kind)).toEqual(['cliniko']);
  });

  it('replaces a key and removes a source together with its key', async () => {
    t = openTestService({ now: clock.now });
    const added = await t.service.sources.add({ kind: 'cliniko', name: 'Northside', apiKey: 'old-key-au1', baseUrl: emulator.url });
    await expect(t.service.sources.test({ id: added.id })).rejects.toMatchObject({ code: 'credentials_invalid' });
    await (
      await t.service.sync.start({ mode: 'incremental', trigger: 'manual' })
    ).done;
    expect((await t.service.sources.list())[0]).toMatchObject({
      health: 'failing',
      lastRun: { status: 'failed', errorKind: 'credentials_invalid' },
    });
    await t.service.sources.update({ id: added.id, apiKey: emulator.apiKey, name: 'Northside Clinic' });
    await expect(t.service.sources.test({ id: added.id })).resolves.toBeTruthy();
    expect((await t.service.sources.list())[0]?.name).toBe('Northside Clinic');

    const removed = await t.service.sources.remove(added.id, false);
    expect(removed.patients).toBe(0);
    expect(await t.service.sources.list()).toEqual([]);
    await expect(t.service.sources.test({ id: added.id })).rejects.toMatchObject({ code: 'not_found' });
  });
});
