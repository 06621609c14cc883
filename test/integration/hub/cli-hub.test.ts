import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatJoinCode } from '../../../electron/core/hub/join-code';
import type { HubStatus } from '../../../electron/core/domain';
import { startClinikoEmulator, type ClinikoControl, type RunningEmulator } from '../../../electron/emulators';
import { assertBuilt, runCli } from '../../support/run-cli';
import { deskEnv as deskIn, exportOf } from './cli-desks';
import { startPgCluster, type PgCluster } from './pg-cluster';

let cluster: PgCluster;
let emulator: RunningEmulator<ClinikoControl>;
let root: string;
let url: string;
const deskEnv = (name: string) => deskIn(root, name);

beforeAll(async () => {
  assertBuilt();
  cluster = await startPgCluster();
  emulator = await startClinikoEmulator({ patients: 80, latencyMs: { min: 1, max: 2 } });
  root = mkdtempSync(path.join(tmpdir(), 'clinicsync-hub-cli-'));
  await cluster.createDatabase('clinic');
  url = cluster.urlWithoutPassword('clinic');
}, 120_000);
afterAll(async () => {
  await emulator.close();
  await cluster.destroy();
  rmSync(root, { recursive: true, force: true });
}, 60_000);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe('clinicsync hub …', () => {
  it('init prints the join code once; join takes it from the environment or stdin; sync pulls once; status, leave', async () => {
    const a = deskEnv('a');
    const added = await runCli(['source', 'add', '--kind', 'cliniko', '--name', 'Northside', '--base-url', emulator.url], {
      ...a,
      CLINICSYNC_API_KEY: emulator.apiKey,
    });
    expect(added.code).toBe(0);
    const init = await runCli(['hub', 'init', '--url', url, '--json'], { ...a, PGPASSWORD: cluster.password });
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    const { joinCode } = JSON.parse(init.stdout) as { joinCode: string };
    expect(joinCode).toMatch(/^CSHUB1-/);
    // The password is a secret: kept inside the encrypted cache, never in a readable file.
    for (const file of filesUnder(a.CLINICSYNC_DATA_DIR ?? '')) expect(readFileSync(file).includes(cluster.password)).toBe(false);

    const b = deskEnv('b');
    const joined = await runCli(['hub', 'join', '--url', url], { ...b, CLINICSYNC_HUB_KEY: joinCode }, `${cluster.password}\n`);
    expect(joined.stderr).toBe('');
    expect(joined.code).toBe(0);
    expect(joined.stdout).toMatch(/Joined the clinic hub: 2 desks/);

    const c = deskEnv('c');
    const wrong = await runCli(['hub', 'join', '--url', url], c, `${formatJoinCode(Buffer.alloc(32, 1))}\n${cluster.password}\n`);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/not this clinic hub’s\. Nothing was changed/);
    const cStatus = await runCli(['hub', 'status', '--json'], c);
    expect(JSON.parse(cStatus.stdout)).toMatchObject({ joined: false });

    const before = emulator.stats().requests;
    const syncA = await runCli(['sync'], a);
    expect(syncA.code).toBe(0);
    const onePull = emulator.stats().requests - before;
    const syncB = await runCli(['sync'], b);
    expect(syncB.code).toBe(0);
    expect(syncB.stdout).toMatch(/Northside: brought up to date from the clinic hub \(this desk has no API key for it\)/);
    expect(emulator.stats().requests - before).toBe(onePull);
    expect(await exportOf(b, 'patients')).toEqual(await exportOf(a, 'patients'));
    expect(await exportOf(b, 'appointments')).toEqual(await exportOf(a, 'appointments'));

    const status = JSON.parse((await runCli(['hub', 'status', '--json'], b)).stdout) as HubStatus;
    expect(status).toMatchObject({ joined: true, connected: true, lag: { records: 0 }, outbox: { count: 0 } });
    expect(status.url).toBe(url);
    expect(status.desks).toHaveLength(2);
    const text = await runCli(['hub', 'status'], a);
    expect(text.stdout).toMatch(/\(this desk\): last contact/);

    // Following without the key is said calmly while joined; after leaving, the missing key is a problem again.
    expect((await runCli(['source', 'list'], b)).stdout).toMatch(/Northside .*\(kept up to date from the clinic hub by [^)]+\)$/m);
    const left = await runCli(['hub', 'leave'], b);
    expect(left.code).toBe(0);
    expect((await runCli(['source', 'list'], b)).stdout).toMatch(/Northside .*\(no API key stored\)$/m);
    expect(JSON.parse((await runCli(['hub', 'status', '--json'], b)).stdout)).toMatchObject({ joined: false });
    expect((JSON.parse((await runCli(['hub', 'status', '--json'], a)).stdout) as HubStatus).desks).toHaveLength(1);
  }, 120_000);

  it('refuses a non-loopback hub without verified TLS, and a URL that is not PostgreSQL', async () => {
    const d = deskEnv('d');
    const insecure = await runCli(['hub', 'join', '--url', 'postgres://desk@hub.clinic.example/clinic?sslmode=disable'], {
      ...d,
      CLINICSYNC_HUB_KEY: formatJoinCode(Buffer.alloc(32, 2)),
      PGPASSWORD: 'x',
    });
    expect(insecure.code).toBe(1);
    expect(insecure.stderr).toMatch(/only over TLS with its certificate verified/);
    const notPg = await runCli(['hub', 'init', '--url', 'https://example.org/db'], { ...d, PGPASSWORD: 'x' });
    expect(notPg.code).toBe(1);
    expect(notPg.stderr).toMatch(/must start with postgres:\/\//);
  }, 60_000);
});
