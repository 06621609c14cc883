import type { AppointmentChange, AppointmentSnapshot, ChangeKind, ChangeQuery } from '../../domain';
import { fromJson } from '../sql-values';
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

/** Leaves out the "new" rows of each source's first sync: its initial load, not news. */
export const NOT_INITIAL_LOAD =
  "NOT (kind = 'new' AND run_id = (SELECT min(r.id) FROM sync_runs r WHERE r.source = appointment_changes.source))";

export type ChangesRepo = ReturnType<typeof createChangesRepo>;

export function createChangesRepo(db: Db) {
  const insert = db.prepare(`INSERT INTO appointment_changes
      (source, appointment_external_id, patient_external_id, kind, before, after, detected_at, run_id)
    VALUES (@source, @appointmentExternalId, @patientExternalId, @kind, @beforeJson, @afterJson, @detectedAt, @runId)`);
  const statement = createStatementCache(db);

  return {
    record(change: ChangeRecord): void {
      insert.run(change);
    },

    /** The change feed, newest first. */
    list(query: ChangeQuery): { total: number; rows: AppointmentChange[] } {
      const where = whereClause([
        query.since !== undefined && 'detected_at >= @since',
        query.source !== undefined && 'source = @source',
        query.kinds !== undefined && 'kind IN (SELECT value FROM json_each(@kinds))',
        query.hideInitialLoad === true && NOT_INITIAL_LOAD,
      ]);
      const params = {
        since: query.since === undefined ? undefined : toStoredTime(query.since, 'since'),
        source: query.source,
        kinds: query.kinds === undefined ? undefined : JSON.stringify(query.kinds),
      };
      const bound = Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined));
      const total = statement(`SELECT count(*) FROM appointment_changes ${where}`).pluck().get(bound) as number;
      const rows = statement(
        `SELECT * FROM appointment_changes ${where} ORDER BY detected_at DESC, id DESC LIMIT @limit OFFSET @offset`,
      ).all({ ...bound, limit: query.limit, offset: query.offset }) as ChangeRow[];
      return { total, rows: rows.map(toChange) };
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
  };
}
