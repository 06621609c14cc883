import type { Db } from '../sqlite';
import { shiftTime, toStoredTime } from '../timestamps';

export interface SyncLock {
  source: string;
  runId: number;
  acquiredAt: string;
  heartbeatAt: string;
}

export type LocksRepo = ReturnType<typeof createLocksRepo>;

/** One sync run per source at a time, held in the database with a heartbeat. */
export function createLocksRepo(db: Db) {
  // Take the lock when it is free, already ours, or its holder's heartbeat is older than staleBefore.
  const acquire = db.prepare(`INSERT INTO sync_locks (source, run_id, acquired_at, heartbeat_at)
    VALUES (@source, @runId, @now, @now)
    ON CONFLICT (source) DO UPDATE SET run_id = excluded.run_id, acquired_at = excluded.acquired_at,
      heartbeat_at = excluded.heartbeat_at
    WHERE sync_locks.run_id = excluded.run_id OR sync_locks.heartbeat_at < @staleBefore`);
  const heartbeat = db.prepare('UPDATE sync_locks SET heartbeat_at = ? WHERE source = ? AND run_id = ?');
  const release = db.prepare('DELETE FROM sync_locks WHERE source = ? AND run_id = ?');
  const holder = db.prepare('SELECT source, run_id, acquired_at, heartbeat_at FROM sync_locks WHERE source = ?');

  return {
    /** True when `runId` now holds the source's lock (taking over a holder silent for staleAfterMs). */
    acquire(source: string, runId: number, nowIso: string, staleAfterMs: number): boolean {
      const now = toStoredTime(nowIso, 'now');
      return acquire.run({ source, runId, now, staleBefore: shiftTime(now, -staleAfterMs) }).changes === 1;
    },

    /** False when the lock was lost (taken over or released). */
    heartbeat(source: string, runId: number, nowIso: string): boolean {
      return heartbeat.run(toStoredTime(nowIso, 'now'), source, runId).changes === 1;
    },

    release(source: string, runId: number): void {
      release.run(source, runId);
    },

    holder(source: string): SyncLock | null {
      const row = holder.get(source) as { source: string; run_id: number; acquired_at: string; heartbeat_at: string } | undefined;
      return row ? { source: row.source, runId: row.run_id, acquiredAt: row.acquired_at, heartbeatAt: row.heartbeat_at } : null;
    },
  };
}
