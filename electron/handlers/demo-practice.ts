import type { DemoPractice } from '../core/app/demo-practice';
import { startClinikoEmulator, type RunningEmulator, type ClinikoControl } from '../emulators';

/** About 650 patients: enough to show the whole product, small enough to sync in under a minute. */
const DEMO_PATIENTS = 650;

/**
 * The demo practice every face offers: the Cliniko emulator on 127.0.0.1, started on first use. Its
 * seeded data is the same on every launch; nothing leaves this computer.
 */
export function emulatedDemoPractice(): DemoPractice {
  let running: Promise<RunningEmulator<ClinikoControl>> | null = null;
  return {
    kind: 'cliniko',
    name: 'Demo practice (emulated)',
    async ensureRunning() {
      running ??= startClinikoEmulator({ patients: DEMO_PATIENTS, seed: 1 });
      const emulator = await running;
      return { baseUrl: emulator.url, apiKey: emulator.apiKey };
    },
    async close() {
      const emulator = await running;
      running = null;
      await emulator?.close();
    },
  };
}
