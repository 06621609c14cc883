import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHeadlessService } from '../../../electron/core/app/headless';
import type { PausePointName } from '../../../electron/core/hub/pause-point';
import { startClinikoEmulator, type ClinikoControl, type RunningEmulator } from '../../../electron/emulators';
import { assertBuilt, runCli, startCli, type CliResult } from '../../support/run-cli';
import { deskEnv, exportOf } from './cli-desks';
import { startPgCluster, type PgCluster } from './pg-cluster';

/** The service a CLI desk runs, opened in this process on the desk's data (while no CLI runs on it). */
function openDesk(env: NodeJS.ProcessEnv) {
  return openHeadlessService({
    name: 'ClinicSync',
    version: '1.2.3',
    dataDir: env.CLINICSYNC_DATA_DIR ?? '',
    keyDir: env.CLINICSYNC_KEY_DIR,
    env,
  });
}

// The CLI runs on the computer's clock, so the emulated practice does too (what is asserted is that
// the desks agree, not what the practice holds on a given day).
let cluster: PgCluster;
let emulator: RunningEmulator<ClinikoControl>;
let root: string;
let a: NodeJS.ProcessEnv;
let b: NodeJS.ProcessEnv;

beforeAll(async () => {
  assertBuilt();
  cluster = await startPgCluster();
  emulator = await startClinikoEmulator({ patients: 80, latencyMs: { min: 1, max: 2 } });
  root = mkdtempSync(path.join(tmpdir(), 'clinicsync-hub-kill-'));
  await cluster.createDatabase('clinic');
  const url = cluster.urlWithoutPassword('clinic');
  a = deskEnv(root, 'a');
  b = deskEnv(root, 'b');
  const ok = (result: CliResult) => expect(result.code, result.stderr).toBe(0);
  ok(
    await runCli(['source', 'add', '--kind', 'cliniko', '--name', 'Northside', '--base-url', emulator.url], {
      ...a,
      CLINICSYNC_API_KEY: emulator.apiKey,
    }),
  );
  const init = await runCli(['hub', 'init', '--url', url, '--json'], { ...a, PGPASSWORD: cluster.password });
  ok(init);
  const { joinCode } = JSON.parse(init.stdout) as { joinCode: string };
  ok(await runCli(['hub', 'join', '--url', url], { ...b, CLINICSYNC_HUB_KEY: joinCode, PGPASSWORD: cluster.password }));
  ok(await runCli(['sync'], a));
  ok(await runCli(['sync'], b));
}, 180_000);
afterAll(async () => {
  await emulator?.close();
  await cluster?.destroy();
  if (root) rmSync(root, { recursive: true, force: true });
}, 60_000);

const lastSeq = async () => Number((await cluster.query<{ last_seq: string }>('clinic', 'SELECT last_seq FROM hub_sequence'))[0]?.last_seq);

/** Runs `clinicsync sync` on desk A until it reaches `point` while publishing, then SIGKILLs it there. */
async function syncKilledAt(point: PausePointName): Promise<CliResult> {
  const file = path.join(root, `${point.replace(':', '-')}.paused`);
  const { child, result } = startCli(['sync'], { ...a, CLINICSYNC_PAUSE_AT: point, CLINICSYNC_PAUSE_FILE: file });
  let ended: CliResult | null = null;
  void result.then((r) => (ended = r));
  // Awaits the process's own signal (the file), not a guessed delay.
  while (!existsSync(file)) {
    if (ended) throw new Error(`clinicsync sync ended before reaching ${point}: ${JSON.stringify(ended)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  child.kill('SIGKILL');
  return result;
}

describe('a desk killed mid-publish (a real clinicsync process, SIGKILL)', () => {
  it('before the hub commits and after it: nothing is lost, nothing is sent or applied twice, and the desks converge', async () => {
    const patient = emulator.control.patients().find((p) => p.deleted_at === null && p.archived_at === null);
    const appointment = emulator.control.appointments().find((x) => x.cancelled_at === null && Date.parse(x.starts_at) > Date.now());
    if (!patient || !appointment) throw new Error('the emulated practice has nothing to change');
    emulator.control.editPatient(String(patient.id), { first_name: 'Renamed-while-killed' });
    emulator.control.cancel(String(appointment.id));
    const before = await lastSeq();

    // Killed inside the publishing transaction: the hub rolls it back and has nothing new.
    const first = await syncKilledAt('hub-publish:before-commit');
    expect(first.signal).toBe('SIGKILL');
    expect(await lastSeq()).toBe(before);

    // Killed right after the hub committed, before A noted it (the next process publishes what is
    // left first, so this is that outbox): the hub has it, A's outbox still lists it.
    const second = await syncKilledAt('hub-publish:after-commit');
    expect(second.signal).toBe('SIGKILL');
    const committed = await lastSeq();
    expect(committed).toBeGreaterThan(before);

    // A starts again: the hub already has that batch, so nothing is sent twice and the outbox empties.
    const restarted = openDesk(a);
    try {
      expect(restarted.hub.state.outboxStats().count).toBeGreaterThan(0);
      expect((await restarted.hub.exchange()).published).toBe(0);
      expect(restarted.hub.state.outboxStats().count).toBe(0);
      expect(await lastSeq()).toBe(committed);
    } finally {
      await restarted.close();
    }

    // Later syncs converge: B has exactly A's records, the change made upstream among them.
    const again = await runCli(['sync'], a);
    expect(again.code, again.stderr).toBe(0);
    const caughtUp = await runCli(['sync'], b);
    expect(caughtUp.code, caughtUp.stderr).toBe(0);
    const patientsOnB = await exportOf(b, 'patients');
    expect(patientsOnB).toEqual(await exportOf(a, 'patients'));
    expect(await exportOf(b, 'appointments')).toEqual(await exportOf(a, 'appointments'));
    expect(JSON.stringify(patientsOnB)).toContain('Renamed-while-killed');

    // Applied once: B's change feed has the cancellation once, and no change twice.
    const onB = openDesk(b);
    try {
      const changes = onB.history
        .changes({ limit: 1000, offset: 0, includeInitialLoad: false })
        .rows.map((c) => `${c.appointmentExternalId} ${c.kind}`);
      expect(changes).toContain(`${appointment.id} cancelled`);
      expect(new Set(changes).size).toBe(changes.length);
    } finally {
      await onB.close();
    }
  }, 180_000);
});
