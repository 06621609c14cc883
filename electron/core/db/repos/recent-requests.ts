import type { RecentRequestLog } from '../../domain';
import type { Db } from '../sqlite';

// Kept far longer than any per-minute window (even unscaled) so a slow clock skew never drops one early.
const KEEP_MS = 10 * 60_000;

/** The per-credential request log the connectors' limiters share across processes. */
export function createRecentRequestLog(db: Db): RecentRequestLog {
  const insert = db.prepare('INSERT INTO api_recent_requests (credential_key, sender, at_ms) VALUES (?, ?, ?)');
  const prune = db.prepare('DELETE FROM api_recent_requests WHERE credential_key = ? AND at_ms < ?');
  const finish = db.prepare('UPDATE api_recent_requests SET at_ms = max(at_ms, ?) WHERE id = ?');
  const others = db
    .prepare('SELECT at_ms FROM api_recent_requests WHERE credential_key = ? AND at_ms >= ? AND sender <> ? ORDER BY at_ms')
    .pluck();
  const record = db.transaction((credentialKey: string, sender: string, atMs: number) => {
    prune.run(credentialKey, atMs - KEEP_MS);
    return Number(insert.run(credentialKey, sender, atMs).lastInsertRowid);
  });
  return {
    sent: (credentialKey, sender, atMs) => record(credentialKey, sender, atMs),
    finished: (id, atMs) => {
      finish.run(atMs, id);
    },
    othersSince: (credentialKey, sender, sinceMs) => others.all(credentialKey, sinceMs, sender) as number[],
  };
}
