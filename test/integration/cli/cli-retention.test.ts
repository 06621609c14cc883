import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { defaultCacheFile, openCache, type Cache } from '../../../electron/core/db';
import { startClinikoEmulator, type ClinikoControl, type RunningEmulator } from '../../../electron/emulators';
import { assertBuilt, runCli } from '../../support/run-cli';

let emulator: RunningEmulator<ClinikoControl>;
let root: string;

beforeAll(async () => {
  assertBuilt();
  emulator = await startClinikoEmulator({ patients: 40, latencyMs: { min: 0, max: 2 } });
  root = mkdtempSync(path.join(tmpdir(), 'clinicsync-cli-retention-'));
});
afterAll(async () => {
  await emulator.close();
  rmSync(root, { recursive: true, force: true });
});

const DAY_MS = 86_400_000;

it('`clinicsync sync` prunes history as settings.json says before it exits', async () => {
  const dataDir = path.join(root, 'data');
  const env = {
    CLINICSYNC_DATA_DIR: dataDir,
    CLINICSYNC_KEY_DIR: path.join(root, 'keys'),
    CLINICSYNC_DB_KEY: randomBytes(32).toString('hex'),
  };
  const added = await runCli(['source', 'add', '--kind', 'cliniko', '--name', 'Northside', '--base-url', emulator.url], {
    ...env,
    CLINICSYNC_API_KEY: emulator.apiKey,
  });
  expect(added.code).toBe(0);
  expect((await runCli(['sync'], env)).code).toBe(0);

  const withCache = <T>(fn: (cache: Cache) => T): T => {
    const cache = openCache({ file: defaultCacheFile(dataDir), key: { kind: 'encrypted', hexKey: env.CLINICSYNC_DB_KEY } });
    try {
      return fn(cache);
    } finally {
      cache.close();
    }
  };
  const messages = () => withCache((cache) => cache.activity.list({ limit: 1000 }).map((line) => line.message));
  const at = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();
  withCache((cache) => {
    cache.activity.append({ runId: null, source: null, at: at(30), level: 'info', message: 'A month-old line.' });
    cache.activity.append({ runId: null, source: null, at: at(1), level: 'info', message: 'Yesterday’s line.' });
  });
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path.join(dataDir, 'settings.json'), JSON.stringify({ retention: { activityDays: 14 } }));

  expect((await runCli(['sync'], env)).code).toBe(0);

  expect(messages()).not.toContain('A month-old line.');
  expect(messages()).toContain('Yesterday’s line.');
  expect(messages()).toContain('History tidied as set in Settings: removed 1 activity line older than 14 days.');
});

it('`clinicsync export changes` carries the done marks of the Changes page', async () => {
  const dataDir = path.join(root, 'marks');
  const env = {
    CLINICSYNC_DATA_DIR: dataDir,
    CLINICSYNC_KEY_DIR: path.join(root, 'marks-keys'),
    CLINICSYNC_DB_KEY: randomBytes(32).toString('hex'),
  };
  const added = await runCli(['source', 'add', '--kind', 'cliniko', '--name', 'Northside', '--base-url', emulator.url], {
    ...env,
    CLINICSYNC_API_KEY: emulator.apiKey,
  });
  expect(added.code).toBe(0);
  expect((await runCli(['sync'], env)).code).toBe(0);
  const cache = openCache({ file: defaultCacheFile(dataDir), key: { kind: 'encrypted', hexKey: env.CLINICSYNC_DB_KEY } });
  const [ticked, untouched] = cache.changes.list({ limit: 2, offset: 0 }).rows.map((row) => row.id);
  cache.changes.setDone([ticked as number], { at: '2026-12-06T08:21:00.000Z', by: 'front-desk' });
  cache.close();

  const json = await runCli(['export', 'changes', '--format', 'json'], env);
  expect(json.code).toBe(0);
  const rows = JSON.parse(json.stdout) as Array<{ id: number; doneAt: string | null; doneBy: string | null }>;
  expect(rows.find((row) => row.id === ticked)).toMatchObject({ doneAt: '2026-12-06T08:21:00.000Z', doneBy: 'front-desk' });
  expect(rows.find((row) => row.id === untouched)).toMatchObject({ doneAt: null, doneBy: null });
  const csv = await runCli(['export', 'changes', '--format', 'csv'], env);
  expect(csv.stdout.split('\r\n')[0]?.split(',')).toEqual(expect.arrayContaining(['doneAt', 'doneBy']));
});
