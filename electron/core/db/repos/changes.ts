import type { AppointmentChange, AppointmentSnapshot, ChangeKind, ChangeQuery, DoneMark } from '../../domain';
import { fromJson } from '../sql-values';
import { isInitialLoadChange } from './initial-load';
import type { Db } from '../sqlite';
import { createStatementCache, whereClause } from '../statement-cache';
import { toStoredTime } from '../timestamps';

interface ChangeRow {
  id: number;
  source: string;
  appointment_external_id: string;
  patient_external_id: string | null;
  kind: ChangeKind;
  before: string | null;
  after: string | null;
  detected_at: string;
  run_id: number | null;
  done_at: string | null;
  done_by: string | null;
}

/** One detected change, with its snapshots already serialized (shared by all kinds of one row). */
export interface ChangeRecord {
  source: string;
  appointmentExternalId: string;
  patientExternalId: string | null;
  kind: ChangeKind;
  beforeJson: string | null;
  afterJson: string | null;
  detectedAt: string;
  runId: number | null;
}

export type ChangesRepo = ReturnType<typeof createChangesRepo>;

export function createChangesRepo(db: Db) {
  const insert = db.prepare(`INSERT INTO appointment_changes
      (source, appointment_external_id, patient_external_id, kind, before, after, detected_at, run_id)
    VALUES (@source, @appointmentExternalId, @patientExternalId, @kind, @beforeJson, @afterJson, @detectedAt, @runId)`);
  const statement = createStatementCache(db);
  // Marking again keeps the first mark's time and computer; clearing forgets both but keeps when it
  // happened (done_changed_at), so the clinic hub can tell a later clear from an earlier mark.
  const markDone = db.prepare(`UPDATE appointment_changes SET done_at = @at, done_by = @by, done_changed_at = @at
    WHERE id IN (SELECT value FROM json_each(@ids)) AND done_at IS NULL`);
  const clearDone = db.prepare(`UPDATE appointment_changes SET done_at = NULL, done_by = NULL,
      done_changed_at = coalesce(@at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    WHERE id IN (SELECT value FROM json_each(@ids)) AND done_at IS NOT NULL`);
  const existing = db.prepare('SELECT count(*) FROM appointment_changes WHERE id IN (SELECT value FROM json_each(?))').pluck();

  return {
    /** Stores one detected change; returns its id. */
    record(change: ChangeRecord): number {
      return Number(insert.run(change).lastInsertRowid);
    },

    /** The change feed, newest first. */
    list(query: ChangeQuery): { total: number; rows: AppointmentChange[] } {
      const where = whereClause([
        query.since !== undefined && 'detected_at >= @since',
        query.source !== undefined && 'source = @source',
        query.kinds !== undefined && 'kind IN (SELECT value FROM json_each(@kinds))',
        query.hideInitialLoad === true && `NOT ${isInitialLoadChange()}`,
        query.openSince !== undefined && '(done_at IS NULL OR done_at >= @openSince)',
      ]);
      const params = {
        since: query.since === undefined ? undefined : toStoredTime(query.since, 'since'),
        source: query.source,
        kinds: query.kinds === undefined ? undefined : JSON.stringify(query.kinds),
        openSince: query.openSince === undefined ? undefined : toStoredTime(query.openSince, 'openSince'),
      };
      const bound = Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined));
      const total = statement(`SELECT count(*) FROM appointment_changes ${where}`).pluck().get(bound) as number;
      const rows = statement(
        `SELECT * FROM appointment_changes ${where} ORDER BY detected_at DESC, id DESC LIMIT @limit OFFSET @offset`,
      ).all({ ...bound, limit: query.limit, offset: query.offset }) as ChangeRow[];
      return { total, rows: rows.map(toChange) };
    },

    /**
     * Marks the changes with these ids done (`mark` given) or to do again (`mark` null), in one
     * transaction. Ids of changes that no longer exist are passed over; returns how many exist.
     * `clearedAt` is when a clear happened (the caller's clock; the database's when not given).
     */
    setDone(ids: readonly number[], mark: DoneMark | null, clearedAt?: string): number {
      const json = JSON.stringify([...new Set(ids)]);
      return db.transaction(() => {
        if (mark === null) clearDone.run({ ids: json, at: clearedAt === undefined ? null : toStoredTime(clearedAt, 'clearedAt') });
        else markDone.run({ ids: json, at: toStoredTime(mark.at, 'at'), by: mark.by });
        return existing.get(json) as number;
      })();
    },
  };
}

function toChange(row: ChangeRow): AppointmentChange {
  return {
    id: row.id,
    source: row.source,
    appointmentExternalId: row.appointment_external_id,
    patientExternalId: row.patient_external_id,
    kind: row.kind,
    before: fromJson<AppointmentSnapshot>(row.before),
    after: fromJson<AppointmentSnapshot>(row.after),
    detectedAt: row.detected_at,
    runId: row.run_id,
    doneAt: row.done_at,
    doneBy: row.done_by,
  };
}
