import type { RosterRow as Row } from '@contract';
import { Link2Off } from 'lucide-react';
import { memo } from 'react';
import { ageOn, formatAppointmentTime, formatBirthDate, formatDateTime, formatRelative, fullName } from '../../lib/format';
import { AppointmentStatusBadge, Badge, Skeleton, VideoLink } from '../ui';
import { DELETED_AT_SOURCE, DELETED_AT_SOURCE_HINT } from '../../lib/plain-words';

interface RowProps {
  row: Row | undefined;
  index: number;
  top: number;
  timeZone: string;
  now: Date;
  sourceName: string | null;
  /** False until the row's source has finished its first sync (its appointments are still coming). */
  appointmentsFetched: boolean;
  onOpen: (id: number) => void;
}

/** One patient. Fixed height (56px) so rows never jump; a placeholder with the same shape while its window loads. */
export const RosterRow = memo(function RosterRow({ row, index, top, timeZone, now, sourceName, appointmentsFetched, onOpen }: RowProps) {
  const style = { transform: `translateY(${top}px)` };
  if (!row) {
    return (
      <tr className="roster-row is-loading" style={style} aria-rowindex={index + 2} aria-busy="true">
        <td className="cell-name">
          <Skeleton width="60%" height={12} />
          <Skeleton width="35%" height={10} />
        </td>
        <td>
          <Skeleton width="70%" />
        </td>
        <td>
          <Skeleton width="80%" />
        </td>
        <td>
          <Skeleton width="75%" />
        </td>
        <td />
        <td>
          <Skeleton width="60%" />
        </td>
        <td />
      </tr>
    );
  }

  const name = fullName(row);
  const birth = formatBirthDate(row.dateOfBirth);
  const age = ageOn(row.dateOfBirth, now, timeZone);
  const next = row.nextAppointment;
  const when = next ? formatAppointmentTime(next.startsAt, timeZone, now) : null;

  return (
    <tr
      className="roster-row"
      style={style}
      aria-rowindex={index + 2}
      data-testid="roster-row"
      onClick={(event) => {
        if ((event.target as HTMLElement).closest('button, a')) return;
        onOpen(row.id);
      }}
    >
      <td className="cell-name">
        <button type="button" className="patient-link" data-index={index} onClick={() => onOpen(row.id)}>
          {name}
        </button>
        <span className="cell-sub">
          {sourceName && <span className="truncate">{sourceName}</span>}
          {row.organizations.length > 0 && <span className="truncate org-names">{row.organizations.map((o) => o.name).join(', ')}</span>}
          {row.archived && <Badge>Archived</Badge>}
          {row.deleted && (
            <Badge tone="danger" title={DELETED_AT_SOURCE_HINT}>
              {DELETED_AT_SOURCE}
            </Badge>
          )}
        </span>
      </td>
      <td>
        {birth ? (
          <span className="two-line">
            <span>{birth}</span>
            {age !== null && <span className="cell-sub">{age} years</span>}
          </span>
        ) : (
          <span className="muted">Not recorded</span>
        )}
      </td>
      <td className="cell-contact">
        {row.email || row.phone ? (
          <span className="two-line">
            {row.email && (
              <span className="truncate" title={row.email}>
                {row.email}
              </span>
            )}
            {row.phone && <span className="truncate cell-sub">{row.phone}</span>}
          </span>
        ) : (
          <span className="muted">No contact details</span>
        )}
      </td>
      <td>
        {next && when ? (
          <span className="two-line">
            <span className="truncate" title={formatDateTime(next.startsAt, timeZone)}>
              <time dateTime={next.startsAt}>
                {when.day} · {when.time}
              </time>
            </span>
            <span className="next-meta">
              <span className="practitioner cell-sub" title={next.practitionerName ?? undefined}>
                {next.practitionerName ?? 'No practitioner'}
              </span>
              <AppointmentStatusBadge status={next.status} />
            </span>
          </span>
        ) : (
          <span className="muted">{appointmentsFetched ? 'None booked' : 'Appointments not synced yet'}</span>
        )}
      </td>
      <td>{next?.telehealthUrl ? <VideoLink url={next.telehealthUrl} what={name} /> : <span className="muted">—</span>}</td>
      <td>
        {row.lastSyncedAt ? (
          <span title={formatDateTime(row.lastSyncedAt, timeZone)}>{formatRelative(row.lastSyncedAt, now, timeZone)}</span>
        ) : (
          <span className="muted">Never</span>
        )}
      </td>
      <td>
        {row.externalId ? (
          <span className="remote-id mono truncate" title={`Remote ID ${row.externalId}`}>
            {row.externalId}
          </span>
        ) : (
          <Badge tone="warn" icon={<Link2Off size={12} aria-hidden="true" />}>
            Local only
          </Badge>
        )}
      </td>
    </tr>
  );
});
