import type { CachedPatient, ClientIdCoverage, RemotePatient } from '../../domain';
import { UserFacingError } from '../../errors';
import type { FirstLoadDeferral } from '../first-load-deferral';
import type { Db } from '../sqlite';
import { createStatementCache } from '../statement-cache';
import { toStoredTime } from '../timestamps';
import { changedColumns, updateByIdSql } from './changed-columns';
import type { InitialLoads } from './initial-load';
import type { NextAppointments } from './next-appointments';
import {
  PATIENT_COLUMNS,
  PATIENT_VALUE_COLUMNS,
  patientValues,
  toCachedPatient,
  type PatientRow,
  type PatientValues,
} from './patient-rows';
import { assertSameSource, type RecordOutcome } from './upsert-outcome';

/** A patient staff add by hand, before it is matched to a remote record. */
export type LocalPatientInput = Pick<RemotePatient, 'firstName' | 'lastName' | 'email' | 'phone' | 'dateOfBirth'>;

interface CoverageRow {
  source: string;
  with_remote_id: number;
  without_remote_id: number;
  percent_with_remote_id: number | null;
}

export type PatientsRepo = ReturnType<typeof createPatientsRepo>;

export function createPatientsRepo(db: Db, nextAppointments: NextAppointments, initialLoads: InitialLoads, firstLoad: FirstLoadDeferral) {
  const byRemoteIds = db.prepare(
    `SELECT ${PATIENT_COLUMNS} FROM patients WHERE source = ? AND external_id IN (SELECT value FROM json_each(?))`,
  );
  const byRemoteId = db.prepare(`SELECT ${PATIENT_COLUMNS} FROM patients WHERE source = ? AND external_id = ?`);
  const byId = db.prepare(`SELECT ${PATIENT_COLUMNS} FROM patients WHERE id = ?`);
  const byEmail = db.prepare(`SELECT ${PATIENT_COLUMNS} FROM patients WHERE source = ? AND email = ? COLLATE NOCASE ORDER BY id`);
  const insert = db.prepare(`INSERT INTO patients
      (source, external_id, first_name, last_name, sort_name, search_text, email, phone, date_of_birth, archived, deleted,
       removed_at, remote_updated_at, last_synced_at, created_at)
    VALUES (@source, @external_id, @first_name, @last_name, @sort_name, @search_text, @email, @phone, @date_of_birth, @archived, @deleted,
       CASE WHEN @deleted = 1 THEN @last_synced_at END, @remote_updated_at, @last_synced_at, @created_at)`);
  const statement = createStatementCache(db);
  const touch = db.prepare('UPDATE patients SET last_synced_at = ? WHERE id IN (SELECT value FROM json_each(?))');
  const markDeleted = db.prepare(
    `UPDATE patients SET deleted = 1, removed_at = ?
     WHERE source = ? AND deleted = 0 AND external_id IN (SELECT value FROM json_each(?))`,
  );
  const notSeenSince = db
    .prepare(
      `SELECT external_id FROM patients
       WHERE (last_synced_at IS NULL) = 0 AND last_synced_at < ? AND source = ? AND external_id IS NOT NULL AND deleted = 0
       ORDER BY id`,
    )
    .pluck();
  const setRemoteId = db.prepare('UPDATE patients SET external_id = ? WHERE id = ?');
  const knownIds = db
    .prepare('SELECT external_id FROM patients WHERE source = ? AND external_id IN (SELECT value FROM json_each(?))')
    .pluck();
  const localByEmail = db
    .prepare('SELECT id FROM patients WHERE source = ? AND email = ? COLLATE NOCASE AND external_id IS NULL LIMIT 2')
    .pluck();
  const counts = db.prepare(`SELECT count(*) AS total, coalesce(sum(organization_count = 0), 0) AS unaffiliated
    FROM patients WHERE source = ? AND external_id IS NOT NULL AND deleted = 0`);
  const coverage = db.prepare('SELECT * FROM client_id_coverage ORDER BY source');

  const everyPatient = db.prepare(`SELECT ${PATIENT_COLUMNS} FROM patients ORDER BY source, id`);
  const everyPatientOf = db.prepare(`SELECT ${PATIENT_COLUMNS} FROM patients WHERE source = ? ORDER BY id`);
  const getById = (id: number): CachedPatient | null => {
    const row = byId.get(id) as PatientRow | undefined;
    return row ? toCachedPatient(row) : null;
  };

  const linkRemoteId = (patientId: number, externalId: string): CachedPatient =>
    db.transaction(() => {
      const patient = getById(patientId);
      if (!patient) throw new UserFacingError('not_found', 'That patient is not in the local cache.');
      if (patient.externalId === externalId) return patient;
      if (patient.externalId !== null) {
        throw new UserFacingError('already_linked', 'That patient is already matched to a different remote record.');
      }
      if (byRemoteId.get(patient.source, externalId)) {
        throw new UserFacingError('remote_id_in_use', 'Another patient in this source is already matched to that remote record.');
      }
      setRemoteId.run(externalId, patientId);
      // Appointments that named this remote id can now be found for the patient.
      nextAppointments.invalidate(patientId);
      return getById(patientId) as CachedPatient;
    })();

  return {
    /**
     * Writes one page of remote patients in one transaction (a savepoint inside the caller's),
     * updating rows in place so local-only data pointing at them survives. Written by run `runId`
     * as a source's first load on this desk into an empty table, the roster's indexes and the search
     * index are left out until `finishFirstLoad` or the run's end (see first-load-deferral.ts).
     */
    upsertPage(source: string, rows: RemotePatient[], syncedAt: string, runId: number | null = null): RecordOutcome[] {
      assertSameSource(source, rows);
      const at = toStoredTime(syncedAt, 'syncedAt');
      return db.transaction(() => {
        if (runId !== null && initialLoads.isLocalInitialLoad(source, runId)) firstLoad.begin('patients', runId);
        // Updated as the page is written, so a record repeated within the page compares with itself.
        const stored = new Map<string, PatientValues & { id: number }>();
        const ids = JSON.stringify(rows.map((row) => row.externalId));
        for (const row of byRemoteIds.all(source, ids) as PatientRow[]) stored.set(row.external_id ?? '', row);
        const unchanged: number[] = [];
        const outcomes = rows.map((patient): RecordOutcome => {
          const values = patientValues(patient);
          const before = stored.get(patient.externalId);
          if (!before) {
            const id = Number(
              insert.run({ ...values, source, external_id: patient.externalId, last_synced_at: at, created_at: at }).lastInsertRowid,
            );
            stored.set(patient.externalId, { ...values, id });
            return { externalId: patient.externalId, outcome: 'new' };
          }
          const changed = changedColumns(before, values, PATIENT_VALUE_COLUMNS);
          if (changed.length === 0) {
            unchanged.push(before.id);
            return { externalId: patient.externalId, outcome: 'unchanged' };
          }
          const removal = changed.includes('deleted') ? ['removed_at = CASE WHEN @deleted = 1 THEN @last_synced_at END'] : [];
          statement(updateByIdSql('patients', changed, [...removal, 'last_synced_at = @last_synced_at'])).run({
            ...values,
            id: before.id,
            last_synced_at: at,
          });
          stored.set(patient.externalId, { ...values, id: before.id });
          return { externalId: patient.externalId, outcome: 'updated' };
        });
        if (unchanged.length > 0) touch.run(at, JSON.stringify(unchanged));
        return outcomes;
      })();
    },

    /** Builds what run `runId`'s first load left out of the patients (nothing when it left nothing out): its patients are all in. */
    finishFirstLoad(runId: number): void {
      firstLoad.finish('patients', runId);
    },

    /** Marks patients removed upstream; the rows and their local-only data stay. Returns how many changed. */
    markRemoved(source: string, externalIds: readonly string[], at: string): number {
      return markDeleted.run(toStoredTime(at, 'at'), source, JSON.stringify(externalIds)).changes;
    },

    /** Remote ids of live patients not seen by a sync since the given instant (reconciliation). */
    idsNotSeenSince(source: string, seenSinceIso: string): string[] {
      return notSeenSince.all(toStoredTime(seenSinceIso, 'seenSince'), source) as string[];
    },

    findByEmail(source: string, email: string): CachedPatient[] {
      return (byEmail.all(source, email.trim()) as PatientRow[]).map(toCachedPatient);
    },

    get: getById,

    /** Every patient (of one source, or all), in source and id order, one at a time: for exports of any size. */
    *iterate(source?: string): Generator<CachedPatient> {
      const rows = source === undefined ? everyPatient.iterate() : everyPatientOf.iterate(source);
      for (const row of rows) yield toCachedPatient(row as PatientRow);
    },

    getByRemoteId(source: string, externalId: string): CachedPatient | null {
      const row = byRemoteId.get(source, externalId) as PatientRow | undefined;
      return row ? toCachedPatient(row) : null;
    },

    addLocal(source: string, input: LocalPatientInput, at: string): CachedPatient {
      const values = patientValues({ ...input, archived: false, deleted: false, remoteUpdatedAt: null });
      const createdAt = toStoredTime(at, 'at');
      const id = Number(insert.run({ ...values, source, external_id: null, last_synced_at: null, created_at: createdAt }).lastInsertRowid);
      return getById(id) as CachedPatient;
    },

    /** Matches a local-only patient to its remote record; its notes and organizations stay with it. */
    linkRemoteId,

    /**
     * Links the one local-only patient with this email (case-insensitive) to a remote record.
     * False when there is none — or more than one, as families often share an email and notes
     * must not end up on the wrong person.
     */
    linkByEmail(source: string, email: string, externalId: string): boolean {
      const candidates = localByEmail.all(source, email.trim()) as number[];
      const [only] = candidates;
      if (candidates.length !== 1 || only === undefined || byRemoteId.get(source, externalId)) return false;
      linkRemoteId(only, externalId);
      return true;
    },

    /** Which of these remote ids the cache already holds for the source. */
    knownExternalIds(source: string, externalIds: readonly string[]): Set<string> {
      return new Set(knownIds.all(source, JSON.stringify(externalIds)) as string[]);
    },

    /**
     * Live patients of the source that have a remote id (comparable with the source's own count),
     * and how many of them belong to no organization.
     */
    count(source: string): { total: number; unaffiliated: number } {
      return counts.get(source) as { total: number; unaffiliated: number };
    },

    /** Per source: how many patients have a remote id (the client_id_coverage view). */
    coverage(): ClientIdCoverage[] {
      return (coverage.all() as CoverageRow[]).map((row) => ({
        source: row.source,
        withRemoteId: row.with_remote_id,
        withoutRemoteId: row.without_remote_id,
        percentWithRemoteId: row.percent_with_remote_id,
      }));
    },
  };
}
