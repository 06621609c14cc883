import type { DaySheetRow } from '@contract';
import { formatClock } from '../../lib/format';
import { ExternalLink, History, Video } from 'lucide-react';
import { memo } from 'react';
import { CHANGE_KIND_LABELS } from '../changes/group';
import { formatWhen } from '../../lib/clinic-time';
import { AppointmentStatusBadge, CopyButton, Tooltip } from '../ui';

export const DAY_ROW_HEIGHT = 52;

/** One appointment: time, patient (opens the drawer), with whom, what, where, status, video, what changed. */
export const DayRow = memo(function DayRow({
  row,
  index,
  top,
  timeZone,
  now,
  onOpenPatient,
  onOpenChanges,
}: {
  row: DaySheetRow;
  index: number;
  top: number;
  timeZone: string;
  now: Date;
  onOpenPatient: (id: number) => void;
  onOpenChanges: () => void;
}) {
  const start = formatClock(row.startsAt, timeZone);
  const end = row.endsAt ? formatClock(row.endsAt, timeZone) : null;
  const who = row.patientName ?? 'Patient not in the cache';
  const changed = row.changes.map((kind) => CHANGE_KIND_LABELS[kind]).join(', ');
  return (
    <tr
      className={`day-row status-${row.status}`}
      aria-rowindex={index + 2}
      data-testid="day-row"
      data-status={row.status}
      style={{ transform: `translateY(${top}px)` }}
    >
      <td className="day-cell-time">
        <span className="day-start">{start}</span>
        {end && <span className="day-end">{end}</span>}
      </td>
      <td className="day-cell-patient">
        {row.patientId !== null ? (
          <button type="button" className="patient-link" data-index={index} onClick={() => onOpenPatient(row.patientId as number)}>
            {who}
          </button>
        ) : (
          <span className="muted">{who}</span>
        )}
        {row.cancellationReason && <span className="cell-sub truncate">Reason: {row.cancellationReason}</span>}
      </td>
      <td className="truncate" title={row.practitionerName ?? undefined}>
        {row.practitionerName ?? <span className="muted">No practitioner</span>}
      </td>
      <td className="truncate" title={row.serviceName ?? undefined}>
        {row.serviceName ?? ''}
      </td>
      <td className="truncate" title={row.locationName ?? undefined}>
        {row.locationName ?? ''}
      </td>
      <td>
        <AppointmentStatusBadge status={row.status} />
      </td>
      <td className="day-cell-video">
        {row.telehealthUrl && (
          <span className="day-video">
            <a
              className="day-video-link"
              href={row.telehealthUrl}
              target="_blank"
              rel="noreferrer noopener"
              aria-label={`Open the video call with ${who} at ${start}`}
            >
              <Video size={14} aria-hidden="true" />
              Join
              <ExternalLink size={12} aria-hidden="true" />
            </a>
            <CopyButton
              key={`${row.source}:${row.externalId}`}
              value={row.telehealthUrl}
              label={`Copy the video link for ${who} at ${start}`}
            />
          </span>
        )}
      </td>
      <td className="day-cell-changed">
        {row.changes.length > 0 && (
          <Tooltip
            side="left"
            content={
              <>
                {changed}
                {row.changedAt && <span className="tooltip-sub"> · found {formatWhen(row.changedAt, now, timeZone)}</span>}
              </>
            }
          >
            <button
              type="button"
              className="change-mark"
              data-testid="change-mark"
              aria-label={`Changed since the last sync: ${changed}. Open Changes`}
              onClick={onOpenChanges}
            >
              <History size={13} aria-hidden="true" />
              {row.changes.length === 1 ? CHANGE_KIND_LABELS[row.changes[0] as keyof typeof CHANGE_KIND_LABELS] : 'Changed'}
            </button>
          </Tooltip>
        )}
      </td>
    </tr>
  );
});
