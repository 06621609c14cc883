import type { Appointment } from '@contract';
import { MapPin, Stethoscope } from 'lucide-react';
import { useNow } from '../../hooks/use-now';
import { formatAppointmentTime, formatDateTime } from '../../lib/format';
import { AppointmentStatusBadge, Badge, VideoLink } from '../ui';
import { DELETED_AT_SOURCE, DELETED_AT_SOURCE_HINT } from '../../lib/plain-words';

/** A patient's appointments, one per line: when (clinic time), with whom, what, where, and its status. */
export function AppointmentList({
  appointments,
  timeZone,
  empty,
  label,
}: {
  appointments: Appointment[];
  timeZone: string;
  empty: string;
  label: string;
}) {
  const now = useNow();
  if (appointments.length === 0) return <p className="muted section-empty">{empty}</p>;
  return (
    <ul className="appointment-list" aria-label={label}>
      {appointments.map((a) => {
        const when = formatAppointmentTime(a.startsAt, timeZone, now);
        return (
          <li key={a.externalId} className={`appointment${a.deleted ? ' is-removed' : ''}`}>
            <div className="appointment-when" title={formatDateTime(a.startsAt, timeZone)}>
              <span className="appointment-day">{when.day}</span>
              <span className="appointment-time">{when.time}</span>
            </div>
            <div className="appointment-what">
              <p className="appointment-title">
                <Stethoscope size={14} aria-hidden="true" className="inline-icon" />
                {a.practitionerName ?? 'No practitioner'}
                {a.serviceName && <span className="muted"> · {a.serviceName}</span>}
              </p>
              {(a.locationName || a.telehealthUrl) && (
                <p className="appointment-where muted">
                  {a.locationName && (
                    <span>
                      <MapPin size={12} aria-hidden="true" className="inline-icon" />
                      {a.locationName}
                    </span>
                  )}
                  {a.telehealthUrl && (
                    <span className="row">
                      <VideoLink url={a.telehealthUrl} what={`${when.day} ${when.time}`} />
                    </span>
                  )}
                </p>
              )}
              {a.cancellationReason && <p className="muted">Reason: {a.cancellationReason}</p>}
            </div>
            <div className="appointment-status">
              <AppointmentStatusBadge status={a.status} />
              {a.deleted && (
                <Badge tone="danger" title={DELETED_AT_SOURCE_HINT}>
                  {DELETED_AT_SOURCE}
                </Badge>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
