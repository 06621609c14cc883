import type { Db } from './sqlite';

/**
 * Work a source's first load puts off until its run ends (migration 0012). Pages of a first load
 * arrive in random patient and start order, so every page commit would touch (and encrypt again)
 * about one leaf of each secondary index per row, and queue each row's patient for its next
 * appointment. Put off, each index is built once (one sort, one sequential write) and the source's
 * patients are worked out once.
 *
 * Crash safety: an index is dropped in the same transaction that lists its definition in
 * deferred_indexes, so it is always either present or listed. What is listed is done when the run
 * that listed it ends (finished, or closed as abandoned at the next start-up), or when the cache is
 * opened and that run is no longer queued or running.
 */
export interface FirstLoadDeferral {
  /**
   * Drops `table`'s plain secondary indexes for run `runId`, listing them (unique indexes stay: they
   * enforce a rule and serve the upsert's own lookups). True when this run holds the deferral: it
   * dropped them, now or on an earlier page. False when another run already had (two first loads at
   * once): this one then works as usual.
   */
  begin(table: string, runId: number): boolean;
  /**
   * For every listed run that has ended (or every listed run: `evenRunning`): builds its indexes
   * again and marks its source's patients to have their next appointment worked out again
   * (next-appointments.ts). Returns how many indexes.
   */
  finishEnded(evenRunning?: boolean): number;
  /** Whether some index is left out now: work that would scan without it waits for finishEnded. */
  pending(): boolean;
}

interface IndexListRow {
  name: string;
  unique: 0 | 1;
  origin: 'c' | 'u' | 'pk';
}

export function createFirstLoadDeferral(db: Db): FirstLoadDeferral {
  const definition = db.prepare(`SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?`).pluck();
  const list = db.prepare('INSERT INTO deferred_indexes (name, sql, run_id) VALUES (?, ?, ?)');
  const heldBy = db.prepare('SELECT EXISTS (SELECT 1 FROM deferred_indexes WHERE run_id = ?)').pluck();
  const ended = db.prepare(`SELECT d.name, d.sql, d.run_id AS runId FROM deferred_indexes d
    WHERE @evenRunning OR NOT EXISTS (SELECT 1 FROM sync_runs r WHERE r.id = d.run_id AND r.status IN ('queued', 'running'))
    ORDER BY d.name`);
  const unlist = db.prepare('DELETE FROM deferred_indexes WHERE name = ?');
  const recomputeNext = db.prepare(
    'UPDATE patients SET next_valid_from = NULL WHERE source = (SELECT source FROM sync_runs WHERE id = ?) AND next_valid_from IS NOT NULL',
  );
  const any = db.prepare('SELECT EXISTS (SELECT 1 FROM deferred_indexes)').pluck();

  const deferrable = (table: string): Array<{ name: string; sql: string }> =>
    (db.pragma(`index_list(${quoteName(table)})`) as IndexListRow[])
      .filter((index) => index.origin === 'c' && index.unique === 0)
      .map((index) => ({ name: index.name, sql: definition.get(index.name) as string }));

  return {
    begin(table, runId) {
      // Every page of a first load asks: once it holds the deferral, one lookup answers.
      if (heldBy.get(runId) === 1) return true;
      const indexes = deferrable(table);
      if (indexes.length > 0 && !any.get()) {
        db.transaction(() => {
          for (const index of indexes) {
            list.run(index.name, index.sql, runId);
            db.exec(`DROP INDEX ${quoteName(index.name)}`);
          }
        })();
      }
      return heldBy.get(runId) === 1;
    },
    finishEnded(evenRunning = false) {
      const listed = ended.all({ evenRunning: evenRunning ? 1 : 0 }) as Array<{ name: string; sql: string; runId: number }>;
      if (listed.length === 0) return 0;
      db.transaction(() => {
        for (const index of listed) {
          if (definition.get(index.name) === undefined) db.exec(index.sql);
          unlist.run(index.name);
        }
        for (const runId of new Set(listed.map((index) => index.runId))) recomputeNext.run(runId);
      })();
      return listed.length;
    },
    pending() {
      return any.get() === 1;
    },
  };
}

/**
 * Before the schema is updated: builds every listed index whatever its run, so that no migration
 * meets an index that is only listed (a killed load's, opened by a newer app). Nothing to do in a
 * cache from before migration 0012.
 */
export function finishBeforeMigrating(db: Db): void {
  const table = db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'deferred_indexes'`).get();
  if (table !== undefined) createFirstLoadDeferral(db).finishEnded(true);
}

/** Names come from sqlite_schema, never from outside; quoted all the same. */
function quoteName(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
