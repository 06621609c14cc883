import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultCacheFile, openCache, type Cache } from '../../electron/core/db';
import { startClinikoEmulator, type ClinikoControl, type RunningEmulator } from '../../electron/emulators';
import { runCli, startCli } from './run-cli';

export interface CrashHarnessOptions {
  /** How many times the sync is killed. */
  points: number;
  patients: number;
  /** Seeds the kill times and the upstream edits, so a failing run can be repeated. */
  seed: number;
}

export interface CrashHarnessReport {
  points: number;
  /** Kills that landed while the sync was still running (the rest found it already finished). */
  killedMidSync: number;
  integrityOk: number;
  noDuplicates: number;
  converged: number;
  noRunLeftRunning: number;
  failures: string[];
}

/** A small deterministic generator (mulberry32): the harness must be repeatable from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Kills `clinicsync sync` with SIGKILL at random moments, edits upstream, syncs again, and checks
 * after each round: SQLite's integrity_check, no duplicate records, the cache equal to upstream, and
 * no run left `running`.
 */
export async function runCrashHarness(options: CrashHarnessOptions): Promise<CrashHarnessReport> {
  const rand = random(options.seed);
  const emulator = await startClinikoEmulator({ patients: options.patients, seed: options.seed, latencyMs: { min: 1, max: 3 } });
  const root = mkdtempSync(path.join(tmpdir(), 'clinicsync-crash-'));
  const env = {
    CLINICSYNC_DATA_DIR: path.join(root, 'data'),
    CLINICSYNC_KEY_DIR: path.join(root, 'keys'),
    CLINICSYNC_DB_KEY: randomBytes(32).toString('hex'),
  };
  const report: CrashHarnessReport = {
    points: options.points,
    killedMidSync: 0,
    integrityOk: 0,
    noDuplicates: 0,
    converged: 0,
    noRunLeftRunning: 0,
    failures: [],
  };
  try {
    const added = await runCli(['source', 'add', '--kind', 'cliniko', '--name', 'Crash', '--base-url', emulator.url], {
      ...env,
      CLINICSYNC_API_KEY: emulator.apiKey,
    });
    if (added.code !== 0) throw new Error(`source add failed: ${added.stderr}`);
    const began = Date.now();
    await runCli(['sync', '--full'], env);
    const fullSyncMs = Date.now() - began;

    for (let point = 1; point <= options.points; point += 1) {
      editUpstream(emulator.control, rand);
      const { child, result } = startCli(['sync', ...(rand() < 0.5 ? ['--full'] : [])], env);
      await new Promise((resolve) => setTimeout(resolve, Math.floor(rand() * fullSyncMs)));
      const killed = child.kill('SIGKILL');
      const outcome = await result;
      if (killed && outcome.signal === 'SIGKILL') report.killedMidSync += 1;

      const again = await runCli(['sync'], env);
      if (again.code !== 0)
        report.failures.push(`point ${point}: the sync after the kill exited ${again.code}: ${again.stdout.slice(-300)}`);
      check(report, point, env, emulator);
    }
  } finally {
    await emulator.close();
    rmSync(root, { recursive: true, force: true });
  }
  return report;
}

function editUpstream(control: ClinikoControl, rand: () => number): void {
  const patients = control.patients().filter((p) => p.deleted_at === null);
  const patient = patients[Math.floor(rand() * patients.length)];
  if (patient)
    control.editPatient(String(patient.id), { last_name: `${patient.last_name.replace(/-\d+$/, '')}-${Math.floor(rand() * 1000)}` });
  control.addPatient();
  const upcoming = control
    .appointments()
    .filter((a) => a.deleted_at === null && a.cancelled_at === null && Date.parse(a.starts_at) > Date.now() + 86_400_000);
  const appointment = upcoming[Math.floor(rand() * upcoming.length)];
  if (appointment) control.reschedule(String(appointment.id), new Date(Date.parse(appointment.starts_at) + 30 * 60_000).toISOString());
}

function check(
  report: CrashHarnessReport,
  point: number,
  env: { CLINICSYNC_DATA_DIR: string; CLINICSYNC_DB_KEY: string },
  emulator: RunningEmulator<ClinikoControl>,
): void {
  const cache = openCache({ file: defaultCacheFile(env.CLINICSYNC_DATA_DIR), key: { kind: 'encrypted', hexKey: env.CLINICSYNC_DB_KEY } });
  try {
    const integrity = cache.db.pragma('integrity_check', { simple: true });
    if (integrity === 'ok') report.integrityOk += 1;
    else report.failures.push(`point ${point}: integrity_check said ${String(integrity)}`);

    const duplicates = cache.db
      .prepare(
        `SELECT (SELECT count(*) FROM (SELECT 1 FROM patients WHERE external_id IS NOT NULL GROUP BY source, external_id HAVING count(*) > 1))
        + (SELECT count(*) FROM (SELECT 1 FROM appointments GROUP BY source, external_id HAVING count(*) > 1))`,
      )
      .pluck()
      .get() as number;
    if (duplicates === 0) report.noDuplicates += 1;
    else report.failures.push(`point ${point}: ${duplicates} duplicated records`);

    const difference = differenceFromUpstream(cache, emulator.control);
    if (difference === null) report.converged += 1;
    else report.failures.push(`point ${point}: ${difference}`);

    const running = cache.db.prepare(`SELECT count(*) FROM sync_runs WHERE status IN ('running', 'queued')`).pluck().get() as number;
    if (running === 0) report.noRunLeftRunning += 1;
    else report.failures.push(`point ${point}: ${running} runs left running`);
  } finally {
    cache.close();
  }
}

/** Null when every upstream patient (name, archive state) and every upcoming appointment (time, cancellation) is cached as upstream has it. */
function differenceFromUpstream(cache: Cache, control: ClinikoControl): string | null {
  const cached = new Map(
    (
      cache.db.prepare(`SELECT external_id, last_name, archived, deleted FROM patients WHERE source != 'demo'`).all() as Array<{
        external_id: string;
        last_name: string;
        archived: number;
        deleted: number;
      }>
    ).map((row) => [row.external_id, row]),
  );
  for (const patient of control.patients()) {
    const row = cached.get(String(patient.id));
    if (patient.deleted_at !== null) continue;
    if (!row) return `patient ${patient.id} is missing`;
    if (row.last_name !== patient.last_name || Boolean(row.archived) !== (patient.archived_at !== null) || row.deleted)
      return `patient ${patient.id} differs`;
  }
  const appointments = new Map(
    (
      cache.db.prepare('SELECT external_id, starts_at, status, deleted FROM appointments').all() as Array<{
        external_id: string;
        starts_at: string;
        status: string;
        deleted: number;
      }>
    ).map((row) => [row.external_id, row]),
  );
  const horizon = Date.now() + 80 * 86_400_000;
  for (const appointment of control.appointments()) {
    const startsAt = Date.parse(appointment.starts_at);
    if (appointment.deleted_at !== null || appointment.archived_at !== null || startsAt < Date.now() + 3_600_000 || startsAt > horizon)
      continue;
    const row = appointments.get(String(appointment.id));
    if (!row) return `appointment ${appointment.id} is missing`;
    if (Date.parse(row.starts_at) !== startsAt || (row.status === 'cancelled') !== (appointment.cancelled_at !== null))
      return `appointment ${appointment.id} differs`;
  }
  return null;
}
