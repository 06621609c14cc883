import { describe, expect, it } from 'vitest';
import type { Patient, SyncRun } from '../../../electron/core/domain';
import { useCliClinic } from '../../support/cli-clinic';
import { runCli, startCli } from '../../support/run-cli';

const clinic = useCliClinic('cli', { patients: 300, latencyMs: { min: 2, max: 4 } });
const { freshEnv, addSource } = clinic;

/** Patients as the emulator holds them, in the domain's fields that an export must carry exactly. */
function upstreamPatients() {
  return clinic.emulator.control
    .patients()
    .filter((p) => p.deleted_at === null)
    .map((p) => ({ externalId: String(p.id), firstName: p.first_name, lastName: p.last_name, archived: p.archived_at !== null }))
    .sort((a, b) => a.externalId.localeCompare(b.externalId));
}

async function exportedPatients(env: NodeJS.ProcessEnv) {
  const out = await runCli(['export', 'patients', '--format', 'json'], env);
  expect(out.code).toBe(0);
  return (JSON.parse(out.stdout) as Patient[])
    .map((p) => ({ externalId: p.externalId, firstName: p.firstName, lastName: p.lastName, archived: p.archived }))
    .sort((a, b) => a.externalId.localeCompare(b.externalId));
}

describe('clinicsync CLI syncing', () => {
  it('adds a source from CLINICSYNC_API_KEY, syncs it (exit 0) and exports exactly what upstream holds', async () => {
    const env = freshEnv();
    await addSource(env);
    const sync = await runCli(['sync', '--json'], env);
    expect(sync.code).toBe(0);
    const runs = JSON.parse(sync.stdout) as SyncRun[];
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'completed', countCheck: expect.stringMatching(/matches Cliniko/) });
    expect(await exportedPatients(env)).toEqual(upstreamPatients());
  });

  it('takes the key from stdin when the environment has none', async () => {
    const env = freshEnv();
    const added = await runCli(
      ['source', 'add', '--kind', 'cliniko', '--name', 'Piped', '--base-url', clinic.emulator.url],
      env,
      `${clinic.emulator.apiKey}\n`,
    );
    expect(added.code).toBe(0);
    const test = await runCli(['source', 'test', 'Piped'], env);
    expect(test.code).toBe(0);
    expect(test.stdout).toMatch(/Piped: connected as/);
    expect(test.stdout).toContain('practice time zone Australia/Melbourne');
  });

  it('exits 1 with one clear line when the key is wrong', async () => {
    const env = freshEnv();
    const added = await runCli(['source', 'add', '--kind', 'cliniko', '--name', 'Wrong', '--base-url', clinic.emulator.url], {
      ...env,
      CLINICSYNC_API_KEY: 'not-the-key-au1',
    });
    expect(added.code).toBe(0);
    const sync = await runCli(['sync'], env);
    expect(sync.code).toBe(1);
    expect(sync.stdout).toMatch(/Wrong: failed/);
    expect(sync.stdout).toMatch(/credentials_invalid/);
  });

  it('after being killed with SIGKILL mid-sync, runs again to a converged cache and records the killed run as abandoned', async () => {
    const env = freshEnv();
    await addSource(env);
    const { child, result } = startCli(['sync', '--full'], env);
    await new Promise<void>((resolve) => {
      child.stdout?.on('data', (chunk: string) => {
        if (chunk.includes('Patients:')) resolve();
      });
    });
    child.kill('SIGKILL');
    expect((await result).signal).toBe('SIGKILL');

    const again = await runCli(['sync'], env);
    expect(again.code).toBe(0);
    const history = JSON.parse((await runCli(['history', '--json'], env)).stdout) as { runs: SyncRun[] };
    expect(history.runs.map((run) => run.status)).toEqual(['completed', 'abandoned']);
    expect(await exportedPatients(env)).toEqual(upstreamPatients());
  });

  it('rejects bad arguments with a usage message and exit code 2', async () => {
    const env = freshEnv();
    const bad = await runCli(['sync', '--mode', 'sideways'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown option '--mode'/);
    const badKind = await runCli(['source', 'add', '--kind', 'nookal', '--name', 'X'], env);
    expect(badKind.code).toBe(2);
    expect(badKind.stderr).toMatch(/Allowed choices are cliniko, intakeq/);
    const badUrl = await runCli(['source', 'add', '--kind', 'cliniko', '--name', 'X', '--base-url', 'http://example.com/v1'], {
      ...env,
      CLINICSYNC_API_KEY: 'k',
    });
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toMatch(/must use https/);
  });
});
