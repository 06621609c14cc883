import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultCacheFile, openCache, type Cache } from '../../electron/core/db';
import { startClinikoEmulator, type ClinikoControl, type RunningEmulator } from '../../electron/emulators';
import { clinikoTruth, type ClinikoState, type Truth } from '../integration/sync/support/truth';
import { CHECKS, checkCache, runsLeftRunning, type CheckName } from './crash-checks';
import { editUpstream, noEdits, seededRandom, type EditCounts } from './crash-edits';
import { runCli, startCli } from './run-cli';

export interface CrashHarnessOptions {
  /** How many times the sync is killed. */
  points: number;
  patients: number;
  /** Seeds the kill times and the upstream edits, so a failing run can be repeated. */
  seed: number;
}

/** Where a kill landed: judged from the cache it left, never from the clock. */
export type KillMoment = 'midSync' | 'beforeRun' | 'afterRun';

export interface RoundGroup {
  rounds: number;
  /** Rounds in which each check held. */
  passed: Record<CheckName, number>;
}

export interface CrashHarnessReport {
  points: number;
  /**
   * midSync: the kill left a run `running` (the only rounds that test recovery from a torn sync);
   * beforeRun: no run had begun (the process was still starting); afterRun: its run had already ended.
   */
  byMoment: Record<KillMoment, RoundGroup>;
  edits: EditCounts;
  failures: string[];
}

const emptyGroup = (): RoundGroup => ({ rounds: 0, passed: Object.fromEntries(CHECKS.map((c) => [c, 0])) as Record<CheckName, number> });

/**
 * Kills `clinicsync sync` with SIGKILL at seeded moments, edits upstream (renames, new patients,
 * reschedules, cancellations, deletions, archives), syncs again, and checks the cache after each round.
 */
export async function runCrashHarness(options: CrashHarnessOptions): Promise<CrashHarnessReport> {
  const rand = seededRandom(options.seed);
  const emulator = await startClinikoEmulator({ patients: options.patients, seed: options.seed, latencyMs: { min: 1, max: 3 } });
  const root = mkdtempSync(path.join(tmpdir(), 'clinicsync-crash-'));
  const env = {
    CLINICSYNC_DATA_DIR: path.join(root, 'data'),
    CLINICSYNC_KEY_DIR: path.join(root, 'keys'),
    CLINICSYNC_DB_KEY: randomBytes(32).toString('hex'),
  };
  const report: CrashHarnessReport = {
    points: options.points,
    byMoment: { midSync: emptyGroup(), beforeRun: emptyGroup(), afterRun: emptyGroup() },
    edits: noEdits(),
    failures: [],
  };
  const withCache = <T>(use: (cache: Cache) => T): T => {
    const cache = openCache({ file: defaultCacheFile(env.CLINICSYNC_DATA_DIR), key: { kind: 'encrypted', hexKey: env.CLINICSYNC_DB_KEY } });
    try {
      return use(cache);
    } finally {
      cache.close();
    }
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
    // What a CLI process spends starting before any sync begins: kills are spread after it.
    const startedAt = Date.now();
    await runCli(['history'], env);
    const startUpMs = Math.min(Date.now() - startedAt, fullSyncMs);
    let syncsStarted = 1;

    for (let point = 1; point <= options.points; point += 1) {
      editUpstream(emulator.control, rand, report.edits);
      const lastRunBefore = withCache(lastRunId);
      const { child, result } = startCli(['sync', ...(rand() < 0.5 ? ['--full'] : [])], env);
      syncsStarted += 1;
      await new Promise((resolve) => setTimeout(resolve, startUpMs + Math.floor(rand() * (fullSyncMs - startUpMs))));
      child.kill('SIGKILL');
      await result;
      const moment = withCache((cache): KillMoment => {
        if (runsLeftRunning(cache) > 0) return 'midSync';
        return lastRunId(cache) === lastRunBefore ? 'beforeRun' : 'afterRun';
      });

      const again = await runCli(['sync'], env);
      syncsStarted += 1;
      if (again.code !== 0)
        report.failures.push(`point ${point} (${moment}): the sync after the kill exited ${again.code}: ${again.stdout.slice(-300)}`);
      const truth = await upstreamTruth(emulator);
      const results = withCache((cache) => checkCache(cache, truth, syncsStarted));
      const group = report.byMoment[moment];
      group.rounds += 1;
      for (const check of CHECKS) {
        const failure = results[check];
        if (failure === null) group.passed[check] += 1;
        else report.failures.push(`point ${point} (${moment}): ${failure}`);
      }
    }
  } finally {
    await emulator.close();
    rmSync(root, { recursive: true, force: true });
  }
  return report;
}

function lastRunId(cache: Cache): number {
  return (cache.db.prepare('SELECT coalesce(max(id), 0) FROM sync_runs').pluck().get() as number) ?? 0;
}

/** The emulator's ground truth over its state API, mapped as the integration tests map it. */
async function upstreamTruth(emulator: RunningEmulator<ClinikoControl>): Promise<Truth> {
  const response = await fetch(`${emulator.origin}/__emulator/state`, {
    headers: { Authorization: `Basic ${Buffer.from(`${emulator.apiKey}:`).toString('base64')}` },
  });
  if (!response.ok) throw new Error(`The emulator's state API answered ${response.status}`);
  return clinikoTruth((await response.json()) as ClinikoState);
}
