import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { defaultCacheFile, openCache, type Cache } from '../../../electron/core/db';
import { useCliClinic, type CliEnv } from '../../support/cli-clinic';
import { runCli } from '../../support/run-cli';

const clinic = useCliClinic('cli-retention', { patients: 40, latencyMs: { min: 0, max: 2 } });

const DAY_MS = 86_400_000;

/** A fresh data folder with the emulator added as a source and synced once. */
async function syncedDesk(): Promise<CliEnv> {
  const env = clinic.freshEnv();
  await clinic.addSource(env);
  expect((await runCli(['sync'], env)).code).toBe(0);
  return env;
}

const openDeskCache = (env: CliEnv): Cache =>
  openCache({ file: defaultCacheFile(env.CLINICSYNC_DATA_DIR), key: { kind: 'encrypted', hexKey: env.CLINICSYNC_DB_KEY } });

it('`clinicsync sync` prunes history as settings.json says before it exits', async () => {
  const env = await syncedDesk();
  const dataDir = env.CLINICSYNC_DATA_DIR;

  const withCache = <T>(fn: (cache: Cache) => T): T => {
    const cache = openDeskCache(env);
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
  const env = await syncedDesk();
  // Booked after the initial load (which is counted on its run, not listed): two "new" changes.
  clinic.emulator.control.addAppointment();
  clinic.emulator.control.addAppointment();
  expect((await runCli(['sync'], env)).code).toBe(0);
  const cache = openDeskCache(env);
  const [ticked, untouched] = cache.changes.list({ limit: 2, offset: 0 }).rows.map((row) => row.id);
  expect(untouched).toBeDefined();
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
