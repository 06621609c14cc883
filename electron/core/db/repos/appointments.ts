import type { Appointment, ChangeKind, RemoteAppointment } from '../../domain';
import type { FirstLoadDeferral } from '../first-load-deferral';
import type { Db } from '../sqlite';
import { createStatementCache } from '../statement-cache';
import { sourceKeyOfSql } from '../source-keys';
import { toStoredMs } from '../stored-instants';
import { toStoredTime } from '../timestamps';
import { detectChanges } from './appointment-changes';
import { createAppointmentInserts } from './appointment-inserts';
import {
  APPOINTMENT_COLUMNS,
  APPOINTMENT_VALUE_COLUMNS,
  appointmentValues,
  fromStoredRow,
  snapshotOf,
  storedParams,
  toAppointment,
  type AppointmentValues,
  type StoredAppointmentRow,
} from './appointment-rows';
import { changedColumns, updateByIdSql } from './changed-columns';
import type { ChangesRepo } from './changes';
import type { InitialLoads } from './initial-load';
import type { NextAppointments } from './next-appointments';
import { assertSameSource, type RecordOutcome } from './upsert-outcome';

export interface AppointmentOutcome extends RecordOutcome {
  /** The change rows written for this record (empty when nothing meaningful changed). */
  changes: ChangeKind[];
  /** A known appointment was cancelled by this upsert (a `cancelled` change row was written). */
  becameCancelled: boolean;
}

type StoredAppointment = AppointmentValues & { id: number };

/** What the rows of one page share, and the patients whose appointments it changed. */
interface PageWrite {
  source: string;
  at: string;
  runId: number | null;
  initialLoad: boolean;
  patientsChanged: Set<string>;
}

export type AppointmentsRepo = ReturnType<typeof createAppointmentsRepo>;

export function createAppointmentsRepo(
  db: Db,
  changes: ChangesRepo,
  nextAppointments: NextAppointments,
  initialLoads: InitialLoads,
  firstLoad: FirstLoadDeferral,
) {
  const byRemoteIds = db.prepare(
    `SELECT ${APPOINTMENT_COLUMNS} FROM appointments WHERE source_key = ${sourceKeyOfSql('?')} AND external_id IN (SELECT value FROM json_each(?))`,
  );
  const byRemoteId = db.prepare(
    `SELECT ${APPOINTMENT_COLUMNS} FROM appointments WHERE source_key = ${sourceKeyOfSql('?')} AND external_id = ?`,
  );
  const everyAppointment = db.prepare(`SELECT ${APPOINTMENT_COLUMNS} FROM appointments ORDER BY source, starts_at, id`);
  const everyAppointmentOf = db.prepare(
    `SELECT ${APPOINTMENT_COLUMNS} FROM appointments WHERE source_key = ${sourceKeyOfSql('?')} ORDER BY starts_at, id`,
  );
  // `+source_key`: a patient's rows are read over appointments_by_patient (which leaves the source out),
  // not over the (source, external_id) index, which would walk the whole source.
  const forPatient = db.prepare(
    `SELECT ${APPOINTMENT_COLUMNS} FROM appointments WHERE +source_key = ${sourceKeyOfSql('?')} AND patient_external_id = ? ORDER BY starts_at DESC, id DESC`,
  );
  const inserts = createAppointmentInserts(db);
  const statement = createStatementCache(db);
  const touch = db.prepare('UPDATE appointments SET last_synced_at = ? WHERE id IN (SELECT value FROM json_each(?))');
  const markDeleted = db.prepare('UPDATE appointments SET deleted = 1 WHERE id IN (SELECT value FROM json_each(?))');
  const liveOfPatients = db
    .prepare(
      `SELECT external_id FROM appointments
       WHERE +source_key = ${sourceKeyOfSql('?')} AND patient_external_id IN (SELECT value FROM json_each(?)) AND deleted = 0`,
    )
    .pluck();
  // A plain table scan (the unary + keeps SQLite off the source-prefixed indexes, which would add
  // a row lookup per appointment): once per sync, not worth an index every page commit must update.
  const notSeenInWindow = db
    .prepare(
      `SELECT external_id FROM appointments
       WHERE +source_key = ${sourceKeyOfSql('?')} AND starts_at >= ? AND starts_at < ? AND last_synced_at < ? AND deleted = 0
       ORDER BY starts_at, id`,
    )
    .pluck();

  const storedByRemoteId = (source: string, externalIds: readonly string[]): Map<string, StoredAppointment> => {
    const rows = byRemoteIds.all(source, JSON.stringify(externalIds)) as StoredAppointmentRow[];
    return new Map(rows.map((row) => [row.external_id, fromStoredRow(row)]));
  };

  const writeChanges = (
    source: string,
    externalId: string,
    before: AppointmentValues | null,
    after: AppointmentValues,
    detectedAt: string,
    runId: number | null,
    initialLoad = false,
  ): ChangeKind[] => {
    const kinds = detectChanges(before && snapshotOf(before), snapshotOf(after));
    // An initial load's new rows are counted on its run, not listed one by one (see initial-load.ts).
    if (kinds.length === 0 || (initialLoad && before === null)) return kinds;
    const beforeJson = before && JSON.stringify(snapshotOf(before));
    const afterJson = JSON.stringify(snapshotOf(after));
    const patientExternalId = after.patient_external_id;
    for (const kind of kinds) {
      changes.record({ source, appointmentExternalId: externalId, patientExternalId, kind, beforeJson, afterJson, detectedAt, runId });
    }
    return kinds;
  };

  /**
   * Marks appointments removed upstream (never deletes them) with a `removed` change row each.
   * Returns how many were live and are now marked; ids not cached are skipped.
   */
  const markRemoved = (source: string, externalIds: readonly string[], at: string, runId: number | null): number => {
    if (externalIds.length === 0) return 0;
    const detectedAt = toStoredTime(at, 'at');
    return db.transaction(() => {
      const live = [...storedByRemoteId(source, externalIds).entries()].filter(([, row]) => row.deleted === 0);
      markDeleted.run(JSON.stringify(live.map(([, row]) => row.id)));
      const patients = new Set<string>();
      for (const [externalId, row] of live) {
        writeChanges(source, externalId, row, { ...row, deleted: 1 }, detectedAt, runId);
        if (row.patient_external_id !== null) patients.add(row.patient_external_id);
      }
      nextAppointments.markChanged(source, patients);
      return live.length;
    })();
  };

  /** Compares each row with the cached one (`stored`, kept up to date as rows are written) and writes what changed. */
  const upsertEach = (page: PageWrite, rows: RemoteAppointment[], stored: Map<string, StoredAppointment>): AppointmentOutcome[] => {
    const { source, at, runId, initialLoad, patientsChanged } = page;
    const unchanged: number[] = [];
    const outcomes = rows.map((appointment): AppointmentOutcome => {
      const externalId = appointment.externalId;
      const values = appointmentValues(appointment);
      const before = stored.get(externalId);
      const changed = before ? changedColumns(before, values, APPOINTMENT_VALUE_COLUMNS) : [];
      if (before && changed.length === 0) {
        unchanged.push(before.id);
        return { externalId, outcome: 'unchanged', changes: [], becameCancelled: false };
      }
      let id: number;
      if (before) {
        id = before.id;
        statement(updateByIdSql('appointments', changed, ['last_synced_at = @last_synced_at'])).run(
          storedParams({ ...values, id, last_synced_at: at }),
        );
        if (before.patient_external_id !== null) patientsChanged.add(before.patient_external_id);
      } else {
        id = inserts.insert(source, [{ externalId, values }], toStoredMs(at, 'syncedAt'));
      }
      if (values.patient_external_id !== null) patientsChanged.add(values.patient_external_id);
      stored.set(externalId, { ...values, id });
      const kinds = writeChanges(source, externalId, before ?? null, values, at, runId, initialLoad);
      const outcome = before ? 'updated' : 'new';
      return { externalId, outcome, changes: kinds, becameCancelled: kinds.includes('cancelled') };
    });
    if (unchanged.length > 0) touch.run(toStoredMs(at, 'syncedAt'), JSON.stringify(unchanged));
    return outcomes;
  };

  /** Rows none of which is cached, no two the same: the same outcome and change rows as upsertEach, fewer statements. */
  const insertAllNew = (page: PageWrite, rows: RemoteAppointment[]): AppointmentOutcome[] => {
    const { source, at, runId, initialLoad, patientsChanged } = page;
    const fresh = rows.map((appointment) => ({ externalId: appointment.externalId, values: appointmentValues(appointment) }));
    inserts.insert(source, fresh, toStoredMs(at, 'syncedAt'));
    return fresh.map(({ externalId, values }): AppointmentOutcome => {
      if (values.patient_external_id !== null) patientsChanged.add(values.patient_external_id);
      const kinds = writeChanges(source, externalId, null, values, at, runId, initialLoad);
      return { externalId, outcome: 'new', changes: kinds, becameCancelled: kinds.includes('cancelled') };
    });
  };

  return {
    /**
     * Writes one page of remote appointments in one transaction (a savepoint inside the caller's),
     * with a change row for every meaningful change — except the new appointments of a source's
     * initial load, which its run counts. Their patients' next appointment is queued to be worked out
     * again (see next-appointments.ts). A source's first load on this desk leaves the secondary
     * indexes out until its run ends (see first-load-deferral.ts).
     */
    upsertPage(source: string, rows: RemoteAppointment[], syncedAt: string, runId: number | null): AppointmentOutcome[] {
      assertSameSource(source, rows);
      const at = toStoredTime(syncedAt, 'syncedAt');
      const initialLoad = initialLoads.isInitialLoad(source, runId);
      return db.transaction(() => {
        // Its patients are worked out once when the load ends (first-load-deferral.ts), not queued per page.
        const deferring = runId !== null && initialLoads.isLocalInitialLoad(source, runId) && firstLoad.begin('appointments', runId);
        const stored = storedByRemoteId(
          source,
          rows.map((row) => row.externalId),
        );
        const page = { source, at, runId, initialLoad, patientsChanged: new Set<string>() };
        // Nothing cached to compare with (a first load's pages): every row is new, inserted together.
        const outcomes = stored.size === 0 && distinctIds(rows) ? insertAllNew(page, rows) : upsertEach(page, rows, stored);
        if (!deferring) nextAppointments.markChanged(source, page.patientsChanged);
        return outcomes;
      })();
    },

    /**
     * A first load's upcoming appointments are all in: works out its patients' next appointments now,
     * while its indexes are still left out, so its end need not (nothing when run `runId` holds no
     * deferral: the queue keeps them up to date). Past appointments loaded after cannot be anyone's next.
     */
    settleNextAppointments(source: string, runId: number, nowIso: string): void {
      if (!firstLoad.holds('appointments', runId)) return;
      const at = toStoredTime(nowIso, 'nowIso');
      db.transaction(() => {
        nextAppointments.settleSource(source, at);
        firstLoad.nextSettled(runId, at);
      })();
    },

    /**
     * Marks appointments removed upstream (never deletes them) with a `removed` change row each.
     * Returns how many were live and are now marked.
     */
    markRemoved,

    /** Marks the live appointments of patients removed upstream as removed too, as `markRemoved` does. */
    markRemovedOfPatients(source: string, patientExternalIds: readonly string[], at: string, runId: number | null): number {
      const ids = liveOfPatients.all(source, JSON.stringify(patientExternalIds)) as string[];
      return ids.length === 0 ? 0 : markRemoved(source, ids, at, runId);
    },

    /** Live appointments starting in [from, to) that no sync has seen since `seenSince` (reconciliation). */
    idsInWindowNotSeenSince(source: string, fromIso: string, toIso: string, seenSinceIso: string): string[] {
      return notSeenInWindow.all(
        source,
        toStoredMs(fromIso, 'from'),
        toStoredMs(toIso, 'to'),
        toStoredMs(seenSinceIso, 'seenSince'),
      ) as string[];
    },

    get(source: string, externalId: string): Appointment | null {
      const row = byRemoteId.get(source, externalId) as StoredAppointmentRow | undefined;
      return row ? toAppointment(fromStoredRow(row)) : null;
    },

    /** Every appointment (of one source, or all), one at a time: for exports of any size. */
    *iterate(source?: string): Generator<Appointment> {
      const rows = source === undefined ? everyAppointment.iterate() : everyAppointmentOf.iterate(source);
      for (const row of rows) yield toAppointment(fromStoredRow(row as StoredAppointmentRow));
    },

    /** A patient's appointments, latest first, including cancelled and removed ones. */
    forPatient(source: string, patientExternalId: string): Appointment[] {
      return (forPatient.all(source, patientExternalId) as StoredAppointmentRow[]).map((row) => toAppointment(fromStoredRow(row)));
    },
  };
}

/** True when no two rows have the same remote id. */
function distinctIds(rows: readonly RemoteAppointment[]): boolean {
  return new Set(rows.map((row) => row.externalId)).size === rows.length;
}
