import type { Db } from './sqlite';

/**
 * Work a source's first load puts off until its own load is done (migrations 0012, 0015). Pages of a
 * first load arrive in random patient, name and start order, so every page commit would touch (and
 * encrypt again) about one leaf of each secondary index per row, and queue each row's patient for
 * its next appointment. Put off, each index is built once (one sort, one sequential write), the
 * patients' search index is rebuilt from their rows at once, and the source's patients' next
 * appointments are worked out once.
 *
 * Crash safety: an object is dropped in the same transaction that lists its definition in
 * deferred_indexes, so it is always either present or listed. What is listed is done when the run
 * that listed it builds it (`finish`, once that table's load is done), when the run ends (finished,
 * or closed as abandoned at the next start-up), or when the cache is opened and that run is no
 * longer queued or running.
 */
export interface FirstLoadDeferral {
  /**
   * Leaves `table`'s secondary indexes (and search triggers) out for run `runId`, listing them. True
   * when this run holds the table's deferral: it dropped them, now or on an earlier page. False when
   * another run's first load holds one (two first loads at once), or the table's plan refuses (the
   * patients table already holds patients): this one then works as usual.
   */
  begin(table: DeferredTable, runId: number): boolean;
  /** Whether run `runId` holds `table`'s deferral. */
  holds(table: DeferredTable, runId: number): boolean;
  /** Run `runId` worked out its source's next appointments as of `at`: its end leaves those be. */
  nextSettled(runId: number, at: string): void;
  /** Builds what run `runId` left out of `table`, now: its load of that table is done. */
  finish(table: DeferredTable, runId: number): void;
  /**
   * For every listed run that has ended (or every listed run: `evenRunning`): builds what it left
   * out and marks its source's patients to have their next appointment worked out again
   * (next-appointments.ts), but for those the run settled once its upcoming appointments were in
   * (`nextSettled`). Returns how many objects.
   */
  finishEnded(evenRunning?: boolean): number;
  /** Whether something (of `table`) is left out now: work that would scan without it waits, or reads without it. */
  pending(table?: DeferredTable): boolean;
}

export type DeferredTable = 'appointments' | 'patients';

/** What a table's first load leaves out besides its plain secondary indexes. */
interface TablePlan {
  /** Plain indexes the load itself reads on every page: they stay. */
  keep: readonly string[];
  /** Triggers keeping a search index up to date: out during the load, then the index is rebuilt whole. */
  triggers: readonly string[];
  /** Run once the triggers are back. */
  rebuild: string | null;
  /** Only into an empty table: built again from nothing, an index costs less than kept up to date. */
  onlyIntoEmpty: boolean;
}

const PLANS: Record<DeferredTable, TablePlan> = {
  appointments: { keep: [], triggers: [], rebuild: null, onlyIntoEmpty: false },
  patients: {
    // Linking local patients to remote ones by email reads it for every new patient.
    keep: ['patients_by_email'],
    triggers: ['patients_search_insert', 'patients_search_update', 'patients_search_delete'],
    rebuild: `INSERT INTO patients_search (patients_search) VALUES ('rebuild')`,
    onlyIntoEmpty: true,
  },
};

interface IndexListRow {
  name: string;
  unique: 0 | 1;
  origin: 'c' | 'u' | 'pk';
}

/** A listed object; caches from before migration 0015 list appointment indexes without the last two columns. */
interface ListedRow {
  name: string;
  sql: string;
  run_id: number;
  table_name?: DeferredTable;
  type?: 'index' | 'trigger';
  next_settled_at?: string | null;
}

export function createFirstLoadDeferral(db: Db): FirstLoadDeferral {
  const definition = db.prepare(`SELECT sql FROM sqlite_schema WHERE type = ? AND name = ?`).pluck();
  const list = db.prepare('INSERT INTO deferred_indexes (name, sql, run_id, table_name, type) VALUES (?, ?, ?, ?, ?)');
  const heldBy = db.prepare('SELECT EXISTS (SELECT 1 FROM deferred_indexes WHERE run_id = ? AND table_name = ?)').pluck();
  const heldByOther = db.prepare('SELECT EXISTS (SELECT 1 FROM deferred_indexes WHERE run_id <> ?)').pluck();
  const listedFor = db.prepare('SELECT * FROM deferred_indexes WHERE run_id = ? AND table_name = ? ORDER BY name');
  const settled = db.prepare(`UPDATE deferred_indexes SET next_settled_at = ? WHERE run_id = ? AND table_name = 'appointments'`);
  const anyOf = db.prepare('SELECT EXISTS (SELECT 1 FROM deferred_indexes WHERE table_name = ?)').pluck();
  const any = db.prepare('SELECT EXISTS (SELECT 1 FROM deferred_indexes)').pluck();
  const hasRows: Record<DeferredTable, () => boolean> = {
    appointments: rowsIn(db, 'appointments'),
    patients: rowsIn(db, 'patients'),
  };

  const deferrable = (table: DeferredTable): Array<{ name: string; sql: string; type: 'index' | 'trigger' }> => {
    const plan = PLANS[table];
    const indexes = (db.pragma(`index_list(${quoteName(table)})`) as IndexListRow[])
      .filter((index) => index.origin === 'c' && index.unique === 0 && !plan.keep.includes(index.name))
      .map((index) => ({ name: index.name, type: 'index' as const }));
    const triggers = plan.triggers.map((name) => ({ name, type: 'trigger' as const }));
    return [...indexes, ...triggers].flatMap((object) => {
      const sql = definition.get(object.type, object.name) as string | undefined;
      return sql === undefined ? [] : [{ ...object, sql }];
    });
  };

  return {
    begin(table, runId) {
      // Every page of a first load asks: once it holds the deferral, one lookup answers.
      if (heldBy.get(runId, table) === 1) return true;
      if (heldByOther.get(runId) === 1) return false;
      if (PLANS[table].onlyIntoEmpty && hasRows[table]()) return false;
      const objects = deferrable(table);
      if (objects.length === 0) return false;
      db.transaction(() => {
        for (const object of objects) {
          list.run(object.name, object.sql, runId, table, object.type);
          db.exec(`DROP ${object.type.toUpperCase()} ${quoteName(object.name)}`);
        }
      })();
      return true;
    },
    holds(table, runId) {
      return heldBy.get(runId, table) === 1;
    },
    nextSettled(runId, at) {
      settled.run(at, runId);
    },
    finish(table, runId) {
      restore(db, listedFor.all(runId, table) as ListedRow[]);
    },
    finishEnded(evenRunning = false) {
      return restore(db, endedRuns(db, evenRunning));
    },
    pending(table) {
      return (table === undefined ? any.get() : anyOf.get(table)) === 1;
    },
  };
}

function rowsIn(db: Db, table: DeferredTable): () => boolean {
  const statement = db.prepare(`SELECT EXISTS (SELECT 1 FROM ${quoteName(table)})`).pluck();
  return () => statement.get() === 1;
}

/** Listed objects of runs that have ended (or of every run). Reads any schema since 0012. */
function endedRuns(db: Db, evenRunning: boolean): ListedRow[] {
  return db
    .prepare(
      `SELECT d.* FROM deferred_indexes d
       WHERE @evenRunning OR NOT EXISTS (SELECT 1 FROM sync_runs r WHERE r.id = d.run_id AND r.status IN ('queued', 'running'))
       ORDER BY d.name`,
    )
    .all({ evenRunning: evenRunning ? 1 : 0 }) as ListedRow[];
}

/** Creates the listed objects again (those not already back), rebuilds what their triggers keep, and unlists them. */
function restore(db: Db, listed: ListedRow[]): number {
  if (listed.length === 0) return 0;
  const present = db.prepare('SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE name = ?)').pluck();
  const unlist = db.prepare('DELETE FROM deferred_indexes WHERE name = ?');
  // Those the run settled (at @settledAt) saw the load's upcoming appointments.
  const recomputeNext = db.prepare(`UPDATE patients SET next_valid_from = NULL
    WHERE source = (SELECT source FROM sync_runs WHERE id = @runId) AND next_valid_from IS NOT NULL
      AND next_valid_from IS NOT @settledAt`);
  db.transaction(() => {
    for (const object of listed) {
      if (present.get(object.name) === 0) db.exec(object.sql);
      unlist.run(object.name);
    }
    const tables = new Set(listed.map((object) => object.table_name ?? 'appointments'));
    for (const table of tables) {
      const { rebuild } = PLANS[table];
      if (rebuild !== null && listed.some((object) => object.type === 'trigger' && object.table_name === table)) db.exec(rebuild);
    }
    const appointmentRuns = new Map(
      listed
        .filter((object) => (object.table_name ?? 'appointments') === 'appointments')
        .map((object) => [object.run_id, object.next_settled_at ?? null]),
    );
    for (const [runId, settledAt] of appointmentRuns) recomputeNext.run({ runId, settledAt });
  })();
  return listed.length;
}

/**
 * Before the schema is updated: builds everything listed whatever its run, so that no migration
 * meets an index that is only listed (a killed load's, opened by a newer app). Nothing to do in a
 * cache from before migration 0012.
 */
export function finishBeforeMigrating(db: Db): void {
  const table = db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'deferred_indexes'`).get();
  if (table !== undefined) restore(db, endedRuns(db, true));
}

/** Names come from sqlite_schema, never from outside; quoted all the same. */
function quoteName(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
