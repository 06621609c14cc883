import { DateTime } from 'luxon';
import { describeChanges, statusLabel } from '../core/day-sheet/wording';
import type { DaySheet, DaySheetRow } from '../core/domain';

const COLUMNS: Array<{ title: string; max: number; value: (row: DaySheetRow, zone: string) => string }> = [
  { title: 'TIME', max: 11, value: (row, zone) => timeRange(row, zone) },
  { title: 'PATIENT', max: 28, value: (row) => row.patientName ?? '(not in the cache)' },
  { title: 'PRACTITIONER', max: 24, value: (row) => row.practitionerName ?? '—' },
  { title: 'SERVICE', max: 24, value: (row) => row.serviceName ?? '' },
  { title: 'LOCATION', max: 20, value: (row) => row.locationName ?? '' },
  { title: 'STATUS', max: 21, value: (row) => statusLabel(row.status) },
  { title: 'VIDEO', max: 5, value: (row) => (row.telehealthUrl ? 'yes' : '') },
  { title: 'CHANGED', max: 40, value: (row) => describeChanges(row.changes) },
];

const clock = (iso: string, zone: string) => DateTime.fromISO(iso).setZone(zone).toFormat('HH:mm');

function timeRange(row: DaySheetRow, zone: string): string {
  return row.endsAt ? `${clock(row.startsAt, zone)}–${clock(row.endsAt, zone)}` : clock(row.startsAt, zone);
}

/** Keeps a cell to its column; control characters from upstream never reach the terminal. */
function cell(text: string, width: number): string {
  const clean = text.replace(/\p{Cc}/gu, ' ');
  const cut = [...clean].length > width ? `${[...clean].slice(0, width - 1).join('')}…` : clean;
  return cut.padEnd(width);
}

/** "Fresh as of 08:02 today (Northside); never synced for this day (Southside)". */
function freshnessLine(sheet: DaySheet, now: Date): string {
  const today = DateTime.fromJSDate(now).setZone(sheet.timeZone).toISODate();
  return sheet.freshness
    .map((f) => {
      if (f.asOf === null) return `not yet synced for this day (${f.sourceName})`;
      const at = DateTime.fromISO(f.asOf).setZone(sheet.timeZone);
      const when = at.toISODate() === today ? `${at.toFormat('HH:mm')} today` : at.toFormat('ccc d LLL, HH:mm');
      return `fresh as of ${when} (${f.sourceName})`;
    })
    .join('; ');
}

/** The day sheet for a terminal: a heading, how fresh it is, and one aligned line per appointment. */
export function daySheetTable(sheet: DaySheet, now: Date, filtered: boolean): string[] {
  const day = DateTime.fromISO(sheet.date, { zone: sheet.timeZone }).toFormat('cccc d LLLL yyyy');
  const count = sheet.rows.length;
  const lines = [
    `Appointments on ${day} (clinic time, ${sheet.timeZone}): ${count} ${count === 1 ? 'appointment' : 'appointments'}` +
      (filtered || count !== sheet.totalForDay ? ` shown of ${sheet.totalForDay} (cancelled ones hidden unless asked for)` : ''),
  ];
  const fresh = freshnessLine(sheet, now);
  if (fresh) lines.push(fresh.charAt(0).toUpperCase() + fresh.slice(1) + '.');
  if (count === 0) {
    lines.push(sheet.freshness.length === 0 ? 'No sources yet: add one with "clinicsync source add".' : 'No appointments to show.');
    return lines;
  }
  const widths = COLUMNS.map((col) =>
    Math.min(col.max, Math.max(col.title.length, ...sheet.rows.map((row) => col.value(row, sheet.timeZone).length))),
  );
  const line = (values: string[]) =>
    values
      .map((v, i) => cell(v, widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  lines.push('', line(COLUMNS.map((col) => col.title)));
  for (const row of sheet.rows) lines.push(line(COLUMNS.map((col) => col.value(row, sheet.timeZone))));
  return lines;
}
