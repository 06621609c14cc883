import type { AppointmentStatus, ChangeKind } from '../../domain';
import type { Db } from '../sqlite';
import { sourceKeyOfSql } from '../source-keys';
import { isoOfStoredMsSql, toStoredMs } from '../stored-instants';
import { toStoredTime } from '../timestamps';
import { isInitialLoadChange } from './initial-load';

/** One appointment of a day with its cached patient, as stored. */
export interface DayAppointment {
  source: string;
  externalId: string;
  startsAt: string;
  endsAt: string | null;
  status: AppointmentStatus;
  practitionerName: string | null;
  serviceName: string | null;
  locationName: string | null;
  cancellationReason: string | null;
  telehealthUrl: string | null;
  patientId: number | null;
  patientFirstName: string | null;
  patientLastName: string | null;
}

export interface DayChange {
  appointmentExternalId: string;
  kind: ChangeKind;
  detectedAt: string;
}

/**
 * One source's live appointments starting in [from, to) (epoch ms), read over appointments_by_start
 * (one range; a clinic's few sources share it: the unary + keeps SQLite off the (source_key, external_id)
 * index, which would read the whole source), each joined to its patient by remote id. Removed ones
 * are left out.
 */
export const DAY_APPOINTMENTS_SQL = `SELECT s.id AS source, a.external_id AS externalId, ${isoOfStoredMsSql('a.starts_at')} AS startsAt,
    ${isoOfStoredMsSql('a.ends_at')} AS endsAt,
    a.status, a.practitioner_name AS practitionerName, a.service_name AS serviceName, a.location_name AS locationName,
    a.cancellation_reason AS cancellationReason, a.telehealth_url AS telehealthUrl,
    p.id AS patientId, p.first_name AS patientFirstName, p.last_name AS patientLastName
  FROM appointments a
  JOIN sources s ON s.key = a.source_key
  LEFT JOIN patients p ON p.source = s.id AND p.external_id = a.patient_external_id
  WHERE +a.source_key = ${sourceKeyOfSql('?')} AND a.starts_at >= ? AND a.starts_at < ? AND a.deleted = 0
  ORDER BY a.starts_at, a.id`;

export type DaySheetRepo = ReturnType<typeof createDaySheetRepo>;

export function createDaySheetRepo(db: Db) {
  const inRange = db.prepare(DAY_APPOINTMENTS_SQL);
  const changesOf = db.prepare(`SELECT appointment_external_id AS appointmentExternalId, kind, detected_at AS detectedAt
    FROM appointment_changes
    WHERE detected_at >= ? AND source = ? AND appointment_external_id IN (SELECT value FROM json_each(?)) AND NOT ${isInitialLoadChange()}
    ORDER BY id`);

  return {
    /** A source's appointments starting in [from, to), in start order. */
    appointments(source: string, fromIso: string, toIso: string): DayAppointment[] {
      return inRange.all(source, toStoredMs(fromIso, 'from'), toStoredMs(toIso, 'to')) as DayAppointment[];
    },

    /** Changes found since `sinceIso` to these appointments of a source (a first sync's "new" rows left out). */
    changes(source: string, externalIds: readonly string[], sinceIso: string): DayChange[] {
      if (externalIds.length === 0) return [];
      return changesOf.all(toStoredTime(sinceIso, 'since'), source, JSON.stringify(externalIds)) as DayChange[];
    },
  };
}
