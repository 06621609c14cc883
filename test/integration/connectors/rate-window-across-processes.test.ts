import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startIntakeqEmulator, type IntakeqControl, type RunningEmulator } from '../../../electron/emulators';
import { openTestService, type TestService } from '../../support/test-service';

// IntakeQ's real 10 requests a minute, on a clock six times faster: a minute lasts 10 s.
const TIME_SCALE = 6;
const WORKER = path.resolve('test/support/sync-process.ts');

let emulator: RunningEmulator<IntakeqControl>;
let t: TestService;

beforeAll(async () => {
  emulator = await startIntakeqEmulator({ patients: 30, seed: 14, timeScale: TIME_SCALE, latencyMs: { min: 0, max: 2 } });
  t = openTestService();
  await t.service.sources.add({ kind: 'intakeq', name: 'Eastside', apiKey: emulator.apiKey, baseUrl: emulator.url });
  await t.service.close();
});
afterAll(async () => {
  await emulator.close();
  await t.dispose();
});

interface RunSummary {
  status: string;
  apiRequests: number;
  waitedMs: number;
}

/** `process.execPath`: the pinned Node the tests run on (the system one cannot load the SQLite driver). */
function syncInAnotherProcess(): Promise<RunSummary[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, t.dataDir, t.keyDir, String(TIME_SCALE)], {
      env: { ...process.env, ...t.env },
      stdio: 'pipe',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve(JSON.parse(stdout) as RunSummary[]) : reject(new Error(`sync process exited ${code}: ${stderr}`)),
    );
  });
}

it('two syncs back to back in separate processes share the minute window: zero 429s', async () => {
  const first = await syncInAnotherProcess();
  const second = await syncInAnotherProcess();

  const stats = emulator.stats();
  // Together they need more than one window's 10 requests, so an empty window in the second
  // process would have drawn 429s; it waited instead.
  expect(first[0]!.apiRequests + second[0]!.apiRequests).toBeGreaterThan(10);
  expect(stats.rateLimited).toBe(0);
  expect(second[0]!.waitedMs).toBeGreaterThan(0);
  expect([first[0]!.status, second[0]!.status]).toEqual(['completed', 'completed']);
}, 120_000);
