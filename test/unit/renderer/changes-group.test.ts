import { describe, expect, it } from 'vitest';
import {
  countByKind,
  describeChange,
  groupChangesByDay,
  limitGroups,
  type ChangeLike,
  type SnapshotLike,
} from '../../../renderer/src/components/changes/group';

const zone = 'Australia/Melbourne';
// 09:00 on Wed 2 Dec 2026 in Melbourne.
const now = new Date('2026-12-01T22:00:00Z');

const snap = (startsAt: string, patch: Partial<SnapshotLike> = {}): SnapshotLike => ({
  startsAt,
  status: 'booked',
  practitionerName: 'Dr Ada Moss',
  telehealthUrl: null,
  ...patch,
});

let nextId = 1;
const change = (
  kind: ChangeLike['kind'],
  before: SnapshotLike | null,
  after: SnapshotLike | null,
  detectedAt = '2026-12-01T19:00:00Z',
): ChangeLike => ({
  id: nextId++,
  kind,
  before,
  after,
  detectedAt,
});

describe('grouping changes by day', () => {
  const today = change('rescheduled', snap('2026-12-02T01:00:00Z'), snap('2026-12-02T03:00:00Z')); // 14:00 today
  const todayEarly = change('cancelled', snap('2026-12-01T22:30:00Z'), snap('2026-12-01T22:30:00Z', { status: 'cancelled' })); // 09:30 today
  const tomorrow = change('new', null, snap('2026-12-02T22:00:00Z')); // 09:00 Thu 3 Dec
  const lastWeek = change('no_show', snap('2026-11-25T00:00:00Z'), snap('2026-11-25T00:00:00Z', { status: 'no_show' }));
  const yesterday = change('removed', snap('2026-12-01T00:00:00Z'), null, '2026-11-30T10:00:00Z'); // 11:00 Tue 1 Dec

  it('puts today and the days ahead first (soonest first), then past days (latest first), in the clinic’s zone', () => {
    const groups = groupChangesByDay([lastWeek, tomorrow, today, yesterday, todayEarly], zone, 'appointment', now);
    expect(groups.map((g) => [g.label, g.past, g.rows.map((r) => r.id)])).toEqual([
      ['Today', false, [todayEarly.id, today.id]],
      ['Tomorrow', false, [tomorrow.id]],
      ['Yesterday', true, [yesterday.id]],
      ['Wed 25 Nov', true, [lastWeek.id]],
    ]);
  });

  it('groups by the day a change was detected, newest first', () => {
    const groups = groupChangesByDay([yesterday, today, tomorrow], zone, 'detected', now);
    // 19:00 UTC on 1 Dec is 06:00 on 2 Dec in Melbourne: today.
    expect(groups.map((g) => [g.key, g.label, g.rows.length])).toEqual([
      ['2026-12-02', 'Today', 2],
      ['2026-11-30', 'Mon 30 Nov', 1],
    ]);
  });

  it('draws the first rows of the grouped list in steps, cutting the last group', () => {
    const groups = groupChangesByDay([lastWeek, tomorrow, today, yesterday, todayEarly], zone, 'appointment', now);
    const first = limitGroups(groups, 3);
    expect(first.map((g) => [g.label, g.rows.length])).toEqual([
      ['Today', 2],
      ['Tomorrow', 1],
    ]);
    expect(limitGroups(groups, 4).map((g) => g.rows.length)).toEqual([2, 1, 1]);
    expect(limitGroups(groups, 99)).toEqual(groups);
  });

  it('returns no groups for no changes', () => {
    expect(groupChangesByDay([], zone, 'appointment', now)).toEqual([]);
  });

  it('counts each kind', () => {
    const counts = countByKind([today, todayEarly, tomorrow, lastWeek]);
    expect(counts).toMatchObject({ rescheduled: 1, cancelled: 1, new: 1, no_show: 1, removed: 0, telehealth_changed: 0 });
  });
});

describe('describing a change', () => {
  it('shows before → after in clinic time', () => {
    const d = describeChange(change('rescheduled', snap('2026-12-02T01:00:00Z'), snap('2026-12-03T03:30:00Z')), zone, now);
    expect(d).toEqual({ label: 'Rescheduled', before: 'Wed 2 Dec, 12:00', after: 'Thu 3 Dec, 14:30' });
  });

  it('names practitioners, statuses and links', () => {
    expect(
      describeChange(
        change('practitioner_changed', snap('2026-12-02T01:00:00Z'), snap('2026-12-02T01:00:00Z', { practitionerName: 'Dr Li' })),
        zone,
        now,
      ),
    ).toEqual({ label: 'Practitioner changed', before: 'Dr Ada Moss', after: 'Dr Li' });
    expect(describeChange(change('cancelled', snap('x', { status: 'confirmed' }), snap('x', { status: 'cancelled' })), zone, now)).toEqual({
      label: 'Cancelled',
      before: 'Confirmed',
      after: 'Cancelled',
    });
    expect(
      describeChange(
        change(
          'telehealth_changed',
          snap('x'),
          snap('x', { telehealthUrl: 'https://meet.example.com/room/abcdefghijklmnopqrstuvwxyz0123456789' }),
        ),
        zone,
        now,
      ),
    ).toEqual({ label: 'Telehealth link changed', before: 'No link', after: 'meet.example.com/room/abcdefghijklmnopq…' });
  });

  it('has nothing before a new booking and nothing after a removal', () => {
    expect(describeChange(change('new', null, snap('2026-12-02T22:00:00Z')), zone, now)).toEqual({
      label: 'New',
      before: null,
      after: 'Thu 3 Dec, 09:00',
    });
    expect(describeChange(change('removed', snap('2026-12-02T22:00:00Z'), null), zone, now)).toEqual({
      label: 'Deleted at source',
      before: 'Thu 3 Dec, 09:00',
      after: 'Deleted at source',
    });
  });
});
