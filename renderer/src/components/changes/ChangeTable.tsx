import { memo } from 'react';
import { ArrowRight, Video } from 'lucide-react';
import type { ChangeView } from '../../store/changes-store';
import { Badge, CopyButton, type Tone } from '../ui';
import { formatWhen } from '../../lib/clinic-time';
import { formatClock, plural } from '../../lib/format';
import { describeChange, type ChangeGroup, type ChangeKind } from './group';

const KIND_TONES: Record<ChangeKind, Tone> = {
  new: 'ok',
  rescheduled: 'info',
  practitioner_changed: 'info',
  cancelled: 'danger',
  no_show: 'warn',
  telehealth_changed: 'info',
  removed: 'neutral',
};

interface RowProps {
  change: ChangeView;
  timeZone: string;
  now: Date;
  onToggleDone(id: number): void;
  onOpenPatient(id: number): void;
}

const ChangeRow = memo(function ChangeRow({ change, timeZone, now, onToggleDone, onOpenPatient }: RowProps) {
  const d = describeChange(change, timeZone, now);
  const name = change.patientName ?? 'Unknown patient';
  const snapshot = change.after ?? change.before;
  const practitioner = snapshot?.practitionerName ?? null;
  const done = change.doneAt !== null;
  const reason = change.kind === 'cancelled' ? (change.after?.cancellationReason ?? null) : null;
  const link = change.after?.telehealthUrl ?? (change.kind === 'telehealth_changed' ? null : change.before?.telehealthUrl) ?? null;
  return (
    <tr className={done ? 'is-done' : undefined} data-testid="change-row" data-kind={change.kind}>
      <td className="chg-col-done">
        <input
          type="checkbox"
          className="chg-done"
          checked={done}
          onChange={() => onToggleDone(change.id)}
          aria-label={`Mark the change for ${name} as done`}
          title={doneTitle(change, now, timeZone)}
        />
      </td>
      <td className="chg-col-kind">
        <Badge tone={KIND_TONES[change.kind]} dot>
          {d.label}
        </Badge>
      </td>
      <th scope="row" className="chg-col-patient">
        {change.patientId !== null ? (
          <button type="button" className="chg-patient" onClick={() => onOpenPatient(change.patientId as number)}>
            {name}
          </button>
        ) : (
          <span>{name}</span>
        )}
        <span className="chg-source cs-small muted">{change.sourceName}</span>
      </th>
      <td className="chg-col-what">
        <span className="chg-what">
          {d.before !== null && <span className={d.after !== null ? 'chg-before' : undefined}>{d.before}</span>}
          {d.before !== null && d.after !== null && (
            <>
              <ArrowRight size={14} aria-hidden="true" className="chg-arrow" />
              <span className="sr-only">to</span>
            </>
          )}
          {d.after !== null && <span className="chg-after">{d.after}</span>}
        </span>
        {reason && <span className="chg-reason cs-small">Reason: {reason}</span>}
      </td>
      <td className="chg-col-practitioner">{practitioner ?? <span className="muted">—</span>}</td>
      <td className="chg-col-link">
        {link ? (
          <span className="chg-link">
            <Video size={14} aria-hidden="true" />
            <a href={link} target="_blank" rel="noreferrer noopener" title={link}>
              Telehealth link
            </a>
            <CopyButton value={link} label={`Copy the telehealth link for ${name}`} />
          </span>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td className="chg-col-detected cs-small muted">
        <time dateTime={change.detectedAt} title={formatWhen(change.detectedAt, now, timeZone)}>
          {formatClock(change.detectedAt, timeZone)}
        </time>
      </td>
    </tr>
  );
});

/** When and on which computer it was ticked off, once the service has recorded it. */
function doneTitle(change: ChangeView, now: Date, timeZone: string): string | undefined {
  if (change.doneAt === null || !change.doneBy) return undefined;
  return `Marked done ${formatWhen(change.doneAt, now, timeZone)} on ${change.doneBy}`;
}

interface Props {
  groups: Array<ChangeGroup<ChangeView>>;
  timeZone: string;
  now: Date;
  groupBy: 'appointment' | 'detected';
  onToggleDone(id: number): void;
  onOpenPatient(id: number): void;
}

/** The work-list: one table, a header row per day, one row per change. */
export function ChangeTable({ groups, timeZone, now, groupBy, onToggleDone, onOpenPatient }: Props) {
  return (
    <table className="cs-table chg-table" data-testid="changes-table">
      <caption className="sr-only">
        Appointment changes, grouped by {groupBy === 'appointment' ? 'the day of the appointment' : 'the day they were detected'}
      </caption>
      <thead>
        <tr>
          <th scope="col" className="chg-col-done">
            <span className="sr-only">Done</span>
          </th>
          <th scope="col">Change</th>
          <th scope="col">Patient</th>
          <th scope="col">What changed</th>
          <th scope="col">Practitioner</th>
          <th scope="col">Telehealth</th>
          <th scope="col">Detected</th>
        </tr>
      </thead>
      {groups.map((group) => (
        <tbody key={group.key} className={group.past ? 'is-past' : undefined}>
          <tr className="chg-day">
            <th scope="colgroup" colSpan={7}>
              <span className="chg-day-label">{group.label}</span>
              <span className="cs-small muted">
                {plural(group.rows.length, 'change')}
                {group.past ? ' · already past' : ''}
              </span>
            </th>
          </tr>
          {group.rows.map((change) => (
            <ChangeRow
              key={change.id}
              change={change}
              timeZone={timeZone}
              now={now}
              onToggleDone={onToggleDone}
              onOpenPatient={onOpenPatient}
            />
          ))}
        </tbody>
      ))}
    </table>
  );
}
