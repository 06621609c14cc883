import type { DaySheet, DaySheetRow } from '@contract';
import { CHANGE_KIND_LABELS } from '../changes/group';
import { APPOINTMENT_STATUS } from '../../lib/status';
import { formatClock } from '../../lib/format';
import { formatWhen } from '../../lib/clinic-time';
import type { PrintBy } from '../../store/day-sheet-store';
import { longDayName } from './day-keys';

/** Rows by practitioner, in the order of their first appointment of the day. */
function byPractitioner(rows: DaySheetRow[]): Array<{ name: string; rows: DaySheetRow[] }> {
  const groups = new Map<string, DaySheetRow[]>();
  for (const row of rows) {
    const name = row.practitionerName ?? 'No practitioner';
    groups.set(name, [...(groups.get(name) ?? []), row]);
  }
  return [...groups].map(([name, list]) => ({ name, rows: list }));
}

/**
 * The paper day sheet: black on white, no navigation, one page per practitioner (or the whole day),
 * each page saying which day, whose list and how fresh the data was.
 */
export function PrintSheet({
  sheet,
  printBy,
  now,
  filtersText,
}: {
  sheet: DaySheet;
  printBy: PrintBy;
  now: Date;
  filtersText: string | null;
}) {
  const groups = printBy === 'practitioner' ? byPractitioner(sheet.rows) : [{ name: null, rows: sheet.rows }];
  const asOf = sheet.freshness
    .map((f) => (f.asOf ? `${f.sourceName} as of ${formatWhen(f.asOf, now, sheet.timeZone)}` : `${f.sourceName} not synced`))
    .join('; ');
  return (
    <div className="print-sheet" data-testid="print-sheet">
      {groups.length === 0 || sheet.rows.length === 0 ? (
        <section className="print-page">
          <h1 className="print-title">Appointments · {longDayName(sheet.date)}</h1>
          <p>No appointments{filtersText ? ` (${filtersText})` : ''}.</p>
        </section>
      ) : (
        groups.map((group) => (
          <section className="print-page" key={group.name ?? 'day'}>
            <h1 className="print-title">
              {group.name ? `${group.name} · ` : 'Appointments · '}
              {longDayName(sheet.date)}
            </h1>
            <p className="print-meta">
              {group.rows.length} {group.rows.length === 1 ? 'appointment' : 'appointments'}
              {filtersText ? ` · ${filtersText}` : ''} · clinic time ({sheet.timeZone}) · data: {asOf} · printed{' '}
              {formatWhen(now.toISOString(), now, sheet.timeZone)}
            </p>
            <table className="print-table">
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Patient</th>
                  {!group.name && <th scope="col">Practitioner</th>}
                  <th scope="col">Service</th>
                  <th scope="col">Location</th>
                  <th scope="col">Status</th>
                  <th scope="col">Video</th>
                  <th scope="col">Notes</th>
                </tr>
              </thead>
              <tbody>
                {group.rows.map((row) => (
                  <tr key={`${row.source}:${row.externalId}`}>
                    <td className="print-time">
                      {formatClock(row.startsAt, sheet.timeZone)}
                      {row.endsAt && `–${formatClock(row.endsAt, sheet.timeZone)}`}
                    </td>
                    <td className="print-patient">{row.patientName ?? 'Not in the cache'}</td>
                    {!group.name && <td>{row.practitionerName ?? ''}</td>}
                    <td>{row.serviceName ?? ''}</td>
                    <td>{row.locationName ?? ''}</td>
                    <td>{APPOINTMENT_STATUS[row.status].label}</td>
                    <td>{row.telehealthUrl ? 'Video' : ''}</td>
                    <td>
                      {[row.changes.map((k) => CHANGE_KIND_LABELS[k]).join(', '), row.cancellationReason].filter(Boolean).join(' · ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))
      )}
    </div>
  );
}
