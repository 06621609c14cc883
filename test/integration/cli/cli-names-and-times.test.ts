/**
 * What the CLI prints for people: sources by name (also once removed), times in the clinic's zone,
 * and an unknown source refused as a usage error — while --json keeps ids and ISO-8601 UTC.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncRun } from '../../../electron/core/domain';
import { startClinikoEmulator, type ClinikoControl, type RunningEmulator } from '../../../electron/emulators';
import { assertBuilt, runCli } from '../../support/run-cli';

const ZONE = 'Australia/Melbourne';
let emulator: RunningEmulator<ClinikoControl>;
let root: string;
let env: NodeJS.ProcessEnv;

/** "Sun 6 Dec 19:21" as Intl writes the instant in Melbourne, independently of the code under test. */
function melbourne(iso: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: ZONE,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(iso))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.hour}:${parts.minute}`;
}

async function cli(args: string[], extra: NodeJS.ProcessEnv = {}) {
  return runCli(args, { ...env, ...extra });
}

beforeAll(async () => {
  assertBuilt();
  emulator = await startClinikoEmulator({ patients: 30, latencyMs: { min: 1, max: 2 } });
  root = mkdtempSync(path.join(tmpdir(), 'clinicsync-names-'));
  env = {
    CLINICSYNC_DATA_DIR: path.join(root, 'data'),
    CLINICSYNC_KEY_DIR: path.join(root, 'keys'),
    CLINICSYNC_DB_KEY: randomBytes(32).toString('hex'),
  };
  mkdirSync(env.CLINICSYNC_DATA_DIR as string, { recursive: true });
  writeFileSync(path.join(env.CLINICSYNC_DATA_DIR as string, 'settings.json'), JSON.stringify({ schedule: { timeZone: ZONE } }));
  for (const name of ['Northside', 'Southside']) {
    const added = await cli(['source', 'add', '--kind', 'cliniko', '--name', name, '--base-url', emulator.url], {
      CLINICSYNC_API_KEY: emulator.apiKey,
    });
    expect(added.code, added.stderr).toBe(0);
  }
  expect((await cli(['sync'])).code).toBe(0);
}, 120_000);

afterAll(async () => {
  await emulator?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('clinicsync output for people', () => {
  it('refuses an unknown source as a usage error (exit 2), for sync as for export, and syncs nothing', async () => {
    for (const args of [
      ['sync', '--source', 'Nope'],
      ['export', 'patients', '--format', 'json', '--source', 'Nope'],
    ]) {
      const out = await cli(args);
      expect(out.code, args.join(' ')).toBe(2);
      expect(out.stderr).toMatch(/There is no source "Nope"/);
      expect(out.stdout).toBe('');
    }
    const history = JSON.parse((await cli(['history', '--json'])).stdout) as { total: number };
    expect(history.total).toBe(2);
  });

  it('puts the source name beside its id in JSON exports and in every CSV', async () => {
    const sources = JSON.parse((await cli(['source', 'list', '--json'])).stdout) as Array<{ id: string; name: string }>;
    const nameOf = new Map(sources.map((s) => [s.id, s.name]));
    for (const kind of ['patients', 'appointments', 'runs']) {
      const json = JSON.parse((await cli(['export', kind, '--format', 'json'])).stdout) as Array<{ source: string; sourceName: string }>;
      expect(json.length, kind).toBeGreaterThan(0);
      for (const record of json) expect(record.sourceName, kind).toBe(nameOf.get(record.source));
    }
    for (const kind of ['patients', 'appointments', 'runs', 'changes']) {
      const csv = await cli(['export', kind, '--format', 'csv']);
      expect(csv.code).toBe(0);
      const [header] = csv.stdout.split('\r\n');
      expect(header, kind).toMatch(/(^|,)source,sourceName,/);
    }
    const patientsCsv = (await cli(['export', 'patients', '--format', 'csv', '--source', 'Southside'])).stdout.split('\r\n');
    expect(patientsCsv[1]).toMatch(/^cliniko-[0-9a-f]{8},Southside,/);
  });

  it('prints history and status times in the clinic’s zone, while --json keeps ISO-8601 UTC', async () => {
    const { runs } = JSON.parse((await cli(['history', '--json'])).stdout) as { runs: SyncRun[] };
    for (const run of runs) expect(run.startedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const lines = (await cli(['history'])).stdout.split('\n');
    for (const run of runs) {
      const line = lines.find((l) => l.startsWith(`#${run.id} `));
      expect(line).toBe(`#${run.id} ${melbourne(run.startedAt)} manual · ${run.sourceName}: completed in ${line?.split(' in ')[1]}`);
    }
    const status = (await cli(['status'])).stdout;
    const lastSuccess = runs.map((run) => run.finishedAt as string).sort();
    expect(status).toMatch(new RegExp(`Northside \\[cliniko\\]: .* last success (${lastSuccess.map(melbourne).join('|')})\\n`));
    expect(status).not.toMatch(/\d{4}-\d\d-\d\dT/);
  });

  it('names the runs of a removed source "Southside (removed)" in history and in the runs export', async () => {
    expect((await cli(['source', 'remove', 'Southside'])).code).toBe(0);
    const text = (await cli(['history'])).stdout;
    expect(text).toMatch(/manual · Southside \(removed\): completed/);
    expect(text).toMatch(/manual · Northside: completed/);
    const { runs } = JSON.parse((await cli(['history', '--json'])).stdout) as { runs: SyncRun[] };
    expect(runs.map((run) => run.sourceName).sort()).toEqual(['Northside', 'Southside (removed)']);
    const csv = (await cli(['export', 'runs', '--format', 'csv'])).stdout;
    expect(csv).toMatch(/,Southside \(removed\),manual,/);
  });
});
