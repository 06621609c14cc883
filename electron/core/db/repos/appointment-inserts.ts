import type { Db } from '../sqlite';
import { createStatementCache } from '../statement-cache';
import { sourceKeyOfSql } from '../source-keys';
import { toStoredMs, toStoredMsOrNull } from '../stored-instants';
import type { AppointmentValues } from './appointment-rows';

/** An appointment not cached yet, its values as appointmentValues gave them. */
export interface NewAppointment {
  externalId: string;
  values: AppointmentValues;
}

// Rows per INSERT statement: each statement run costs about as much as binding a few rows, and a
// page of a first load is all new rows (measured: about a third less time per row than one at a time).
const ROWS_PER_STATEMENT = 25;
const COLUMNS = `source_key, external_id, patient_external_id, practitioner_external_id, practitioner_name,
  service_name, location_name, starts_at, ends_at, status, cancelled_at, cancellation_reason, telehealth_url,
  deleted, remote_updated_at, last_synced_at`;
const ROW_PLACEHOLDERS = `(${COLUMNS.split(',')
  .map(() => '?')
  .join(', ')})`;

/**
 * Inserts appointments that are not in the cache yet: the source's key looked up once, instants as
 * stored milliseconds, several rows per statement.
 */
export function createAppointmentInserts(db: Db) {
  const keyOf = db.prepare(`SELECT ${sourceKeyOfSql('?')}`).pluck();
  const statement = createStatementCache(db);
  const insertSql = (rows: number) => `INSERT INTO appointments (${COLUMNS}) VALUES ${Array(rows).fill(ROW_PLACEHOLDERS).join(', ')}`;

  return {
    /**
     * Inserts `rows` (none of them cached, no two with the same id) of `source`, seen at
     * `syncedAtMs`. Returns the id of the last one.
     */
    insert(source: string, rows: readonly NewAppointment[], syncedAtMs: number): number {
      // No such source: NULL, which the table refuses (NOT NULL) like any other insert would.
      const sourceKey = (keyOf.get(source) as number | undefined) ?? null;
      let lastId = 0;
      for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
        const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
        const params: unknown[] = [];
        for (const row of chunk) params.push(sourceKey, row.externalId, ...storedOrder(row.values), syncedAtMs);
        lastId = Number(statement(insertSql(chunk.length)).run(params).lastInsertRowid);
      }
      return lastId;
    },
  };
}

/** The synced values in the columns' order, instants as epoch ms. */
function storedOrder(values: AppointmentValues): unknown[] {
  return [
    values.patient_external_id,
    values.practitioner_external_id,
    values.practitioner_name,
    values.service_name,
    values.location_name,
    toStoredMs(values.starts_at, 'starts_at'),
    toStoredMsOrNull(values.ends_at, 'ends_at'),
    values.status,
    toStoredMsOrNull(values.cancelled_at, 'cancelled_at'),
    values.cancellation_reason,
    values.telehealth_url,
    values.deleted,
    toStoredMsOrNull(values.remote_updated_at, 'remote_updated_at'),
  ];
}
