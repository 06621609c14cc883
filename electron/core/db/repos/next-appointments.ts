import type { FirstLoadDeferral } from '../first-load-deferral';
import type { Db, Statement } from '../sqlite';
import { sourceKeyOfSql } from '../source-keys';
import { isoOfStoredMsSql, toStoredMs } from '../stored-instants';

/**
 * Keeps each patient's next appointment (id, start, status) in patients.next_* so the roster can
 * sort and filter 50,000 patients by it from its indexes (a per-patient lookup measured ~90 ms).
 *
 * The stored value is exact as of `next_valid_from`: the first active appointment starting at or
 * after that instant. It stays exact for any later "now" until that appointment's start passes,
 * because no active appointment lies between. So a patient needs recomputing only when its
 * appointments changed (queued by the upserts), it is new or newly linked (next_valid_from NULL),
 * its next appointment has started, or it was computed for a later instant than asked about.
 * `refreshStale` finds all four through indexes and recomputes them: before each roster query,
 * and when a sync run finishes (so the queue never outgrows one run's changes). While a first load
 * has the appointments' indexes left out, the queue waits for the end of that load: each patient's
 * lookup would scan every appointment.
 */
export interface NextAppointments {
  /** Queue patients whose appointments changed; cheap enough for every page commit. */
  markChanged(source: string, patientExternalIds: Iterable<string>): void;
  /** For a patient whose remote id changed. */
  invalidate(patientId: number): void;
  refreshStale(nowIso: string): void;
  /**
   * Works out every patient of `source` as of `nowIso` in one pass over its upcoming appointments,
   * which needs no index: for a first load whose upcoming appointments are all in, while its indexes
   * are still left out (see first-load-deferral.ts).
   */
  settleSource(source: string, nowIso: string): void;
}

export function createNextAppointments(db: Db, firstLoad: FirstLoadDeferral): NextAppointments {
  const queue = db.prepare('INSERT INTO next_appointment_pending (source, patient_external_id) SELECT @source, value FROM json_each(@ids)');
  const invalidate = db.prepare('UPDATE patients SET next_valid_from = NULL WHERE id = ?');
  // Prepared when first needed: a killed first load may have left the indexes it names out (first-load-deferral.ts).
  let recompute: Statement | null = null;
  const recomputeSql = `UPDATE patients
    SET next_valid_from = @asOf,
        (next_appointment_id, next_starts_at, next_status) = (
          SELECT x.id, ${isoOfStoredMsSql('x.starts_at')}, x.status FROM appointments x
          WHERE x.patient_external_id = patients.external_id
            AND +x.source_key = ${sourceKeyOfSql('patients.source')}
            AND x.deleted = 0 AND x.status NOT IN ('cancelled', 'declined')
            AND x.starts_at >= @asOfMs
          ORDER BY x.starts_at, x.id
          LIMIT 1)
    WHERE id IN (
      SELECT p.id FROM next_appointment_pending q
        JOIN patients p ON p.source = q.source AND p.external_id = q.patient_external_id
      UNION SELECT id FROM patients INDEXED BY patients_roster_by_next
        WHERE (next_starts_at IS NULL) = 0 AND next_starts_at < @asOf
      UNION SELECT id FROM patients INDEXED BY patients_by_next_valid_from WHERE next_valid_from > @asOf
      UNION SELECT id FROM patients INDEXED BY patients_by_next_valid_from WHERE next_valid_from IS NULL)`;
  const drain = db.prepare('DELETE FROM next_appointment_pending');
  const refresh = db.transaction((asOf: string) => {
    recompute ??= db.prepare(recomputeSql);
    recompute.run({ asOf, asOfMs: toStoredMs(asOf, 'now') });
    drain.run();
  });
  // Each patient's first active appointment at or after @asOfMs, found by sorting the source's upcoming ones.
  const settleFirsts = db.prepare(`UPDATE patients
    SET next_valid_from = @asOf, next_appointment_id = f.id, next_starts_at = ${isoOfStoredMsSql('f.starts_at')}, next_status = f.status
    FROM (SELECT x.patient_external_id AS pid, x.id, x.starts_at, x.status,
                 row_number() OVER (PARTITION BY x.patient_external_id ORDER BY x.starts_at, x.id) AS rank
          FROM appointments x
          WHERE x.source_key = ${sourceKeyOfSql('@source')} AND x.patient_external_id IS NOT NULL
            AND x.deleted = 0 AND x.status NOT IN ('cancelled', 'declined') AND x.starts_at >= @asOfMs) AS f
    WHERE f.rank = 1 AND patients.source = @source AND patients.external_id = f.pid`);
  // The rest have none: only their instant is written, so the roster's next-appointment indexes are left alone.
  const settleRest =
    db.prepare(`UPDATE patients SET next_valid_from = @asOf, next_appointment_id = NULL, next_starts_at = NULL, next_status = NULL
    WHERE source = @source AND next_valid_from IS NOT @asOf`);
  const settle = db.transaction((source: string, asOf: string) => {
    const params = { source, asOf, asOfMs: toStoredMs(asOf, 'now') };
    settleFirsts.run(params);
    settleRest.run(params);
  });
  return {
    settleSource(source, nowIso) {
      settle(source, nowIso);
    },
    markChanged(source, patientExternalIds) {
      const ids = [...patientExternalIds];
      if (ids.length > 0) queue.run({ source, ids: JSON.stringify(ids) });
    },
    invalidate(patientId) {
      invalidate.run(patientId);
    },
    refreshStale(nowIso) {
      if (!firstLoad.pending()) refresh(nowIso);
    },
  };
}
