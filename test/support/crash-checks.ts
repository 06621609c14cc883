/**
 * What the crash harness checks after each round, on the cache file the CLI left: SQLite's
 * integrity_check, the cache equal to upstream field by field both ways (the integration tests'
 * comparison), no change recorded twice, no more runs than syncs started and no two finished runs
 * overlapping, and no run left `running`.
 */
import type { Cache } from '../../electron/core/db';
import { expectConverged, syncWindow } from '../integration/sync/support/cache-view';
import type { Truth } from '../integration/sync/support/truth';

export type CheckName = 'integrity' | 'converged' | 'noDuplicateChanges' | 'runsAccounted' | 'noRunLeftRunning';
export const CHECKS: CheckName[] = ['integrity', 'converged', 'noDuplicateChanges', 'runsAccounted', 'noRunLeftRunning'];

/** Each check's failure message, or null when it held. */
export type CheckResults = Record<CheckName, string | null>;

export function runsLeftRunning(cache: Cache): number {
  return cache.db.prepare(`SELECT count(*) FROM sync_runs WHERE status IN ('running', 'queued')`).pluck().get() as number;
}

export function checkCache(cache: Cache, truth: Truth, syncsStarted: number): CheckResults {
  const integrity = cache.db.pragma('integrity_check', { simple: true });
  const source = cache.db.prepare(`SELECT id FROM sources WHERE kind = 'cliniko'`).pluck().get() as string;
  const lastStart = cache.db
    .prepare(`SELECT started_at FROM sync_runs WHERE source = ? AND status = 'completed' ORDER BY id DESC LIMIT 1`)
    .pluck()
    .get(source) as string | undefined;
  return {
    integrity: integrity === 'ok' ? null : `integrity_check said ${String(integrity)}`,
    converged: lastStart ? differenceFromUpstream(cache, source, truth, lastStart) : 'no run completed',
    noDuplicateChanges: duplicateChanges(cache),
    runsAccounted: unaccountedRuns(cache, syncsStarted),
    noRunLeftRunning: runsLeftRunning(cache) === 0 ? null : `${runsLeftRunning(cache)} runs left running`,
  };
}

function differenceFromUpstream(cache: Cache, source: string, truth: Truth, startedAt: string): string | null {
  try {
    expectConverged(cache, source, truth, syncWindow(startedAt));
    return null;
  } catch (err) {
    return `cache differs from upstream: ${(err as Error).message.split('\n').slice(0, 6).join(' ').slice(0, 400)}`;
  }
}

/** The same change (appointment, kind, before and after) recorded more than once. */
function duplicateChanges(cache: Cache): string | null {
  const rows = cache.db
    .prepare(
      `SELECT appointment_external_id AS id, kind, count(*) AS n FROM appointment_changes
       GROUP BY source, appointment_external_id, kind, before, after HAVING count(*) > 1 LIMIT 3`,
    )
    .all() as Array<{ id: string; kind: string; n: number }>;
  return rows.length === 0 ? null : `changes recorded twice: ${rows.map((r) => `${r.id} ${r.kind} ×${r.n}`).join(', ')}`;
}

/** More runs than `clinicsync sync` processes started, or two runs that ran to an end overlapping in time. */
function unaccountedRuns(cache: Cache, syncsStarted: number): string | null {
  const runs = cache.db.prepare(`SELECT id, status, started_at, finished_at FROM sync_runs ORDER BY started_at`).all() as Array<{
    id: number;
    status: string;
    started_at: string;
    finished_at: string | null;
  }>;
  if (runs.length > syncsStarted) return `${runs.length} runs recorded for ${syncsStarted} syncs started`;
  const ended = runs.filter((r) => r.status !== 'abandoned' && r.finished_at !== null);
  for (let i = 1; i < ended.length; i += 1) {
    const before = ended[i - 1]!;
    const after = ended[i]!;
    if (after.started_at < before.finished_at!) return `runs ${before.id} and ${after.id} overlap`;
  }
  return null;
}
