import { DateTime } from 'luxon';
import { csvLine } from '../app/csv';
import type { DaySheetRow } from '../domain';
import { describeChanges, statusLabel } from './wording';

const COLUMNS = [
  'date',
  'start',
  'end',
  'patient',
  'practitioner',
  'service',
  'location',
  'status',
  'telehealth',
  'changed',
  'source',
  'startsAtUtc',
  'appointmentId',
] as const;

/** The clinic's wall clock: "2026-03-09", "09:30". */
function wall(iso: string, zone: string, format: 'yyyy-MM-dd' | 'HH:mm'): string {
  return DateTime.fromISO(iso).setZone(zone).toFormat(format);
}

/** The day sheet as a spreadsheet reads it: clinic-time dates and times first, the UTC instant for machines. */
export function toDaySheetCsv(rows: readonly DaySheetRow[], zone: string): string {
  let content = csvLine(COLUMNS);
  for (const row of rows) {
    content += csvLine([
      wall(row.startsAt, zone, 'yyyy-MM-dd'),
      wall(row.startsAt, zone, 'HH:mm'),
      row.endsAt ? wall(row.endsAt, zone, 'HH:mm') : null,
      row.patientName,
      row.practitionerName,
      row.serviceName,
      row.locationName,
      statusLabel(row.status),
      row.telehealthUrl,
      describeChanges(row.changes),
      row.sourceName,
      row.startsAt,
      row.externalId,
    ]);
  }
  return content;
}
