import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DemoPractice } from '../core/app/demo-practice';
import { startClinikoEmulator, type ClinikoControl, type RunningEmulator } from '../emulators';

/** About 650 patients: enough to show the whole product, small enough to sync in under a minute. */
const DEMO_PATIENTS = 650;
const ANCHOR_FILE = 'demo-practice.json';
/** Where the emulated practice is: its businesses report this zone, which the demo takes as the clinic's. */
const DEMO_TIME_ZONE = 'Australia/Melbourne';

/**
 * When the demo practice was first opened in this data folder. The emulator builds its practice from
 * its seed and its clock, so starting every launch's clock at this moment rebuilds the very same
 * practice — same ids, same people — instead of one that looks removed and re-added each launch.
 */
function demoAnchor(dataDir: string): number {
  const file = path.join(dataDir, ANCHOR_FILE);
  try {
    const anchor = Date.parse((JSON.parse(readFileSync(file, 'utf8')) as { anchor?: string }).anchor ?? '');
    if (Number.isFinite(anchor)) return anchor;
  } catch {
    // First use, or an unreadable file: start a new anchor.
  }
  const anchor = Math.floor(Date.now() / 1000) * 1000;
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify({ anchor: new Date(anchor).toISOString() }));
  return anchor;
}

/**
 * The demo practice every face offers: the Cliniko emulator on 127.0.0.1, started on first use, its
 * clock running from the data folder's anchor. Nothing leaves this computer.
 */
export function emulatedDemoPractice(dataDir: string): DemoPractice {
  let running: Promise<RunningEmulator<ClinikoControl>> | null = null;
  const start = () => {
    const anchor = demoAnchor(dataDir);
    const launchedAt = Date.now();
    // Whole seconds since launch, so the practice is built at exactly the anchor.
    const now = () => new Date(anchor + Math.floor((Date.now() - launchedAt) / 1000) * 1000);
    return startClinikoEmulator({ patients: DEMO_PATIENTS, seed: 1, now, timeZone: DEMO_TIME_ZONE }).catch((err: unknown) => {
      running = null;
      throw err;
    });
  };
  return {
    kind: 'cliniko',
    name: 'Demo practice (emulated)',
    async ensureRunning() {
      running ??= start();
      const emulator = await running;
      return { baseUrl: emulator.url, apiKey: emulator.apiKey };
    },
    async close() {
      const emulator = await running?.catch(() => null);
      running = null;
      await emulator?.close();
    },
  };
}
