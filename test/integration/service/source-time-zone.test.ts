import { afterEach, describe, expect, it } from 'vitest';
import { startClinikoEmulator, startIntakeqEmulator } from '../../../electron/emulators';
import { TestClock } from '../../support/test-clock';
import { openTestService, type TestService } from '../../support/test-service';

/**
 * Issue 13 §4: the practice's time zone, read from the source's API on connect, is proposed as the
 * clinic's; the demo practice takes its own the same way. Emulators in zones other than the default
 * Australia/Melbourne, so a hard-coded zone cannot pass.
 */
const clock = new TestClock();
const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function service(options: Parameters<typeof openTestService>[0] = {}): TestService {
  const t = openTestService({ now: clock.now, ...options });
  cleanup.push(() => t.dispose());
  t.service.settings.update({ schedule: { timeZone: 'UTC' } });
  return t;
}

async function cliniko(timeZone: string) {
  const emulator = await startClinikoEmulator({ patients: 10, latencyMs: { min: 0, max: 0 }, now: clock.now, timeZone });
  cleanup.push(() => emulator.close());
  return emulator;
}

describe('the practice time zone a connection test proposes', () => {
  it('is the Cliniko practice’s own, for a key before it is saved and for a saved source, and changes no setting', async () => {
    const emulator = await cliniko('Europe/London');
    const t = service();
    const draft = await t.service.sources.test({ kind: 'cliniko', apiKey: emulator.apiKey, baseUrl: emulator.url });
    expect(draft).toMatchObject({ timeZone: 'Europe/London', userName: expect.any(String) });

    const saved = await t.service.sources.add({ kind: 'cliniko', name: 'Riverside', apiKey: emulator.apiKey, baseUrl: emulator.url });
    expect((await t.service.sources.test({ id: saved.id })).timeZone).toBe('Europe/London');
    // A proposal only: the clinic's zone changes when someone accepts it.
    expect(t.service.settings.get().schedule.timeZone).toBe('UTC');
  });

  it('is none for IntakeQ, whose API names no practice zone', async () => {
    const emulator = await startIntakeqEmulator({
      patients: 10,
      latencyMs: { min: 0, max: 0 },
      now: clock.now,
      timeZone: 'America/Chicago',
    });
    cleanup.push(() => emulator.close());
    const t = service();
    const result = await t.service.sources.test({ kind: 'intakeq', apiKey: emulator.apiKey, baseUrl: emulator.url });
    expect(result).toMatchObject({ region: 'intakeq', timeZone: null });
  });
});

describe('the demo practice', () => {
  it('sets the clinic’s zone to the one its API reports, when it is the first source', async () => {
    const emulator = await cliniko('Pacific/Auckland');
    const demo = {
      kind: 'cliniko' as const,
      name: 'Demo practice (emulated)',
      ensureRunning: () => Promise.resolve({ baseUrl: emulator.url, apiKey: emulator.apiKey }),
      close: () => Promise.resolve(),
    };
    const t = service({ demo });
    await t.service.startDemo();
    expect(t.service.settings.get().schedule.timeZone).toBe('Pacific/Auckland');
  }, 60_000);
});
