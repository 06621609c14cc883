import type { Db } from '../sqlite';

export type CursorsRepo = ReturnType<typeof createCursorsRepo>;

/**
 * Incremental-sync cursors per source and resource. Call `set` inside the same `cache.transaction`
 * as the page it covers, so a cursor never runs ahead of the data.
 */
export function createCursorsRepo(db: Db) {
  const select = db.prepare('SELECT value FROM sync_cursors WHERE source = ? AND resource = ?').pluck();
  const upsert = db.prepare(`INSERT INTO sync_cursors (source, resource, value) VALUES (?, ?, ?)
    ON CONFLICT (source, resource) DO UPDATE SET value = excluded.value`);
  const removeAll = db.prepare('DELETE FROM sync_cursors WHERE source = ?');
  return {
    get(source: string, resource: string): string | null {
      return (select.get(source, resource) as string | undefined) ?? null;
    },
    set(source: string, resource: string, value: string): void {
      upsert.run(source, resource, value);
    },
    /** Forget a source's cursors so its next sync starts from scratch. */
    clear(source: string): void {
      removeAll.run(source);
    },
  };
}
