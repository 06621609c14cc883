import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncRun } from '../../../electron/core/domain';
import { assertBuilt, runCli } from '../../support/run-cli';

let root: string;
beforeAll(() => {
  assertBuilt();
  root = mkdtempSync(path.join(tmpdir(), 'clinicsync-demo-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('clinicsync demo', () => {
  it('syncs the emulated practice, and the same practice again on the next launch (nothing removed or duplicated)', async () => {
    const env = {
      CLINICSYNC_DATA_DIR: path.join(root, 'data'),
      CLINICSYNC_KEY_DIR: path.join(root, 'keys'),
      CLINICSYNC_DB_KEY: randomBytes(32).toString('hex'),
    };
    const first = await runCli(['demo'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/650 of 650 patients, matches Cliniko/);

    const second = await runCli(['demo'], env);
    expect(second.code).toBe(0);
    const history = JSON.parse((await runCli(['history', '--json'], env)).stdout) as { runs: SyncRun[] };
    const [latest] = history.runs;
    expect(latest?.counts).toMatchObject({ patientsTotal: 650, patientsNew: 0, appointmentsNew: 0, appointmentsRemoved: 0 });
  }, 90_000);
});
