import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startClinikoEmulator } from '../../../electron/emulators';
import { emulatedDemoPractice } from '../../../electron/handlers/demo-practice';
import { openTestService, type TestService } from '../../support/test-service';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function serviceWithDemo(): TestService {
  const demoDir = mkdtempSync(path.join(tmpdir(), 'clinicsync-demo-zone-'));
  const t = openTestService({ demo: emulatedDemoPractice(demoDir) });
  cleanup.push(
    () => rmSync(demoDir, { recursive: true, force: true }),
    () => t.dispose(),
  );
  t.service.settings.update({ schedule: { timeZone: 'Europe/London' } });
  return t;
}

describe('the clinic time zone when exploring the demo practice', () => {
  it('becomes the practice’s own (Australia/Melbourne) when the demo is the first source', async () => {
    const t = serviceWithDemo();
    await t.service.startDemo();
    expect(t.service.settings.get().schedule.timeZone).toBe('Australia/Melbourne');
  }, 60_000);

  it('stays as the clinic set it when a real source is already connected', async () => {
    const t = serviceWithDemo();
    const emulator = await startClinikoEmulator({ patients: 10, latencyMs: { min: 0, max: 0 } });
    cleanup.push(() => emulator.close());
    await t.service.sources.add({ kind: 'cliniko', name: 'Northside', apiKey: emulator.apiKey, baseUrl: emulator.url });
    await t.service.startDemo();
    expect(t.service.settings.get().schedule.timeZone).toBe('Europe/London');
  }, 60_000);
});
