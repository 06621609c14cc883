/**
 * The morning work-list: changes described in plain words and grouped by day in the clinic's zone.
 * Pure; the types are the parts of the contract's ChangeView these functions read.
 */
import { CHANGE_KIND_LABELS } from '@contract';
import { dayKey, dayLabel, daysBetween, formatDayTime } from '../../lib/clinic-time';
import { DELETED_AT_SOURCE } from '../../lib/plain-words';

export type ChangeKind = 'new' | 'rescheduled' | 'practitioner_changed' | 'cancelled' | 'no_show' | 'telehealth_changed' | 'removed';

export const CHANGE_KIND_ORDER: ChangeKind[] = [
  'rescheduled',
  'cancelled',
  'new',
  'practitioner_changed',
  'telehealth_changed',
  'no_show',
  'removed',
];

export { CHANGE_KIND_LABELS };

/** Shorter words for the filter chips. */
export const CHANGE_KIND_CHIPS: Record<ChangeKind, string> = {
  new: 'New',
  rescheduled: 'Rescheduled',
  practitioner_changed: 'Practitioner',
  cancelled: 'Cancelled',
  no_show: 'No-show',
  telehealth_changed: 'Telehealth link',
  removed: 'Deleted',
};

export interface SnapshotLike {
  startsAt: string;
  status: string;
  practitionerName: string | null;
  telehealthUrl: string | null;
}

export interface ChangeLike {
  id: number;
  kind: ChangeKind;
  before: SnapshotLike | null;
  after: SnapshotLike | null;
  detectedAt: string;
}

export type GroupBy = 'appointment' | 'detected';

export interface ChangeGroup<T extends ChangeLike> {
  key: string;
  label: string;
  /** Past days (appointment grouping) are after today and the days ahead. */
  past: boolean;
  rows: T[];
}

/** When the appointment is (or was, for one that is gone). */
export function appointmentStart(change: ChangeLike): string | null {
  return change.after?.startsAt ?? change.before?.startsAt ?? null;
}

/**
 * Groups by the day of the appointment (today and the days ahead first, soonest first, then past days,
 * latest first) or by the day the change was detected (newest first).
 */
export function groupChangesByDay<T extends ChangeLike>(rows: T[], zone: string, by: GroupBy, now: Date): Array<ChangeGroup<T>> {
  const today = dayKey(now, zone);
  const groups = new Map<string, T[]>();
  const instant = (row: T): string => (by === 'appointment' ? (appointmentStart(row) ?? row.detectedAt) : row.detectedAt);
  for (const row of rows) {
    const key = dayKey(instant(row), zone);
    const list = groups.get(key);
    if (list) list.push(row);
    else groups.set(key, [row]);
  }
  const keys = [...groups.keys()];
  if (by === 'appointment') {
    const ahead = keys.filter((k) => k >= today).sort();
    const behind = keys.filter((k) => k < today).sort((a, b) => (a < b ? 1 : -1));
    keys.splice(0, keys.length, ...ahead, ...behind);
  } else {
    keys.sort((a, b) => (a < b ? 1 : -1));
  }
  return keys.map((key) => {
    const list = groups.get(key) ?? [];
    list.sort((a, b) =>
      by === 'appointment' ? instant(a).localeCompare(instant(b)) || a.id - b.id : instant(b).localeCompare(instant(a)) || b.id - a.id,
    );
    const label = dayLabel(key, now, zone);
    return { key, label, past: by === 'appointment' && daysBetween(today, key) < 0, rows: list };
  });
}

export interface ChangeDescription {
  label: string;
  /** What it was, or null when there was nothing before (a new booking). */
  before: string | null;
  /** What it is now, or null when there is nothing after (removed). */
  after: string | null;
}

const STATUS_WORDS: Record<string, string> = {
  booked: 'Booked',
  confirmed: 'Confirmed',
  pending: 'Awaiting confirmation',
  arrived: 'Arrived',
  no_show: 'Did not arrive',
  cancelled: 'Cancelled',
  declined: 'Declined',
};

export function statusWord(status: string): string {
  return STATUS_WORDS[status] ?? status;
}

/** "meet.example.com/abc…" — enough to recognise a link without the noise. */
export function shortUrl(url: string, max = 40): string {
  const bare = url.replace(/^https?:\/\//, '');
  return bare.length > max ? `${bare.slice(0, max - 1)}…` : bare;
}

/** What changed, before → after, in the clinic's zone. */
export function describeChange(change: ChangeLike, zone: string, now: Date): ChangeDescription {
  const year = dayKey(now, zone).slice(0, 4);
  const time = (s: SnapshotLike | null) => (s ? formatDayTime(s.startsAt, zone, year) : null);
  const label = CHANGE_KIND_LABELS[change.kind] ?? change.kind;
  const { before, after } = change;
  switch (change.kind) {
    case 'new':
      return { label, before: null, after: time(after) };
    case 'rescheduled':
      return { label, before: time(before), after: time(after) };
    case 'practitioner_changed':
      return { label, before: before?.practitionerName ?? 'No practitioner', after: after?.practitionerName ?? 'No practitioner' };
    case 'cancelled':
    case 'no_show':
      return {
        label,
        before: before ? statusWord(before.status) : null,
        after: after ? statusWord(after.status) : statusWord(change.kind),
      };
    case 'telehealth_changed':
      return {
        label,
        before: before?.telehealthUrl ? shortUrl(before.telehealthUrl) : 'No link',
        after: after?.telehealthUrl ? shortUrl(after.telehealthUrl) : 'No link',
      };
    case 'removed':
      return { label, before: time(before ?? after), after: DELETED_AT_SOURCE };
    default:
      return { label, before: null, after: null };
  }
}

/** Counts per kind, in the order the filter shows them. */
export function countByKind(rows: ChangeLike[]): Record<ChangeKind, number> {
  const counts = Object.fromEntries(CHANGE_KIND_ORDER.map((k) => [k, 0])) as Record<ChangeKind, number>;
  for (const row of rows) counts[row.kind] = (counts[row.kind] ?? 0) + 1;
  return counts;
}

/** The first `limit` rows of the grouped list, keeping whole groups' headers (for rendering in steps). */
export function limitGroups<T extends ChangeLike>(groups: Array<ChangeGroup<T>>, limit: number): Array<ChangeGroup<T>> {
  const out: Array<ChangeGroup<T>> = [];
  let left = limit;
  for (const group of groups) {
    if (left <= 0) break;
    out.push(group.rows.length <= left ? group : { ...group, rows: group.rows.slice(0, left) });
    left -= group.rows.length;
  }
  return out;
}
