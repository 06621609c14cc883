import { describe, expect, it } from 'vitest';
import type { AppointmentSnapshot, ChangeKind, RemoteAppointment } from '../../../electron/core/domain';
import { openTestCache, remoteAppointment, SOURCE, T0 } from './fixtures';

const T1 = '2025-06-02T00:00:00.000Z';
const ID = '836447129235883099';

function changeAfterUpdate(overrides: Partial<RemoteAppointment>) {
  const { cache } = openTestCache();
  cache.appointments.upsertPage(SOURCE, [remoteAppointment(ID)], T0, null);
  const runId = cache.runs.create({
    source: SOURCE,
    trigger: 'manual',
    scope: { sources: [SOURCE], mode: 'incremental', phases: [], daysBack: 90, daysForward: 90 },
    startedAt: T1,
  });
  const [outcome] = cache.appointments.upsertPage(SOURCE, [remoteAppointment(ID, overrides)], T1, runId);
  const changes = cache.changes.list({ since: T1, limit: 10, offset: 0 }).rows;
  return { outcome, changes, runId };
}

const original: AppointmentSnapshot = {
  startsAt: '2025-06-10T09:00:00.000Z',
  endsAt: '2025-06-10T09:30:00.000Z',
  status: 'booked',
  practitionerExternalId: '1001',
  practitionerName: 'Dr Mei Chen',
  telehealthUrl: null,
  deleted: false,
  cancellationReason: null,
};

describe('appointments', () => {
  it('records a new appointment with its snapshot and keeps its id exact', () => {
    const { cache } = openTestCache();

    const [outcome] = cache.appointments.upsertPage(SOURCE, [remoteAppointment('9223372036854775807')], T0, null);
    const { rows } = cache.changes.list({ limit: 10, offset: 0 });

    expect(outcome).toEqual({ externalId: '9223372036854775807', outcome: 'new', changes: ['new'], becameCancelled: false });
    expect(rows).toEqual([
      expect.objectContaining({
        appointmentExternalId: '9223372036854775807',
        patientExternalId: '836447129235883061',
        kind: 'new',
        before: null,
        after: original,
      }),
    ]);
    expect(cache.appointments.get(SOURCE, '9223372036854775807')?.externalId).toBe('9223372036854775807');
  });

  it('reports a page upserted twice as unchanged, writes no change rows, and marks it seen', () => {
    const { cache } = openTestCache();
    const page = [remoteAppointment('1'), remoteAppointment('2')];
    cache.appointments.upsertPage(SOURCE, page, T0, null);

    const second = cache.appointments.upsertPage(SOURCE, page, T1, null);

    expect(second.map((o) => o.outcome)).toEqual(['unchanged', 'unchanged']);
    expect(cache.changes.list({ since: T1, limit: 10, offset: 0 }).total).toBe(0);
    expect(cache.appointments.get(SOURCE, '1')?.lastSyncedAt).toBe(T1);
  });

  const cases: Array<[string, Partial<RemoteAppointment>, ChangeKind[], Partial<AppointmentSnapshot>]> = [
    [
      'a new start time',
      { startsAt: '2025-06-11T09:00:00Z', endsAt: '2025-06-11T09:30:00Z' },
      ['rescheduled'],
      { startsAt: '2025-06-11T09:00:00.000Z', endsAt: '2025-06-11T09:30:00.000Z' },
    ],
    ['a longer slot', { endsAt: '2025-06-10T10:00:00.000Z' }, ['rescheduled'], { endsAt: '2025-06-10T10:00:00.000Z' }],
    [
      'another practitioner',
      { practitionerExternalId: '1002', practitionerName: 'Dr Liam Brown' },
      ['practitioner_changed'],
      { practitionerExternalId: '1002', practitionerName: 'Dr Liam Brown' },
    ],
    [
      'a cancellation',
      { status: 'cancelled', cancelledAt: '2025-06-01T23:00:00Z', cancellationReason: 'Unwell' },
      ['cancelled'],
      { status: 'cancelled', cancellationReason: 'Unwell' },
    ],
    ['a no-show', { status: 'no_show' }, ['no_show'], { status: 'no_show' }],
    [
      'a new telehealth link',
      { telehealthUrl: 'https://meet.example.test/abc' },
      ['telehealth_changed'],
      { telehealthUrl: 'https://meet.example.test/abc' },
    ],
    ['a removal upstream', { deleted: true }, ['removed'], { deleted: true }],
    [
      'a reschedule with a new practitioner',
      { startsAt: '2025-06-12T09:00:00.000Z', practitionerExternalId: '1003' },
      ['rescheduled', 'practitioner_changed'],
      { startsAt: '2025-06-12T09:00:00.000Z', practitionerExternalId: '1003' },
    ],
  ];

  it.each(cases)('writes the right change row for %s', (_label, overrides, kinds, afterChanges) => {
    const { outcome, changes, runId } = changeAfterUpdate(overrides);

    expect(outcome).toMatchObject({ outcome: 'updated', changes: kinds });
    expect(changes.map((c) => c.kind).sort()).toEqual([...kinds].sort());
    for (const change of changes) {
      expect(change).toMatchObject({
        appointmentExternalId: ID,
        before: original,
        after: { ...original, ...afterChanges },
        runId,
        detectedAt: T1,
      });
    }
  });

  it('updates without a change row when only a detail changes', () => {
    const { outcome, changes } = changeAfterUpdate({ serviceName: 'Follow-up', practitionerName: 'Dr Mei Chen-Liu' });

    expect(outcome).toMatchObject({ outcome: 'updated', changes: [] });
    expect(changes).toEqual([]);
  });

  it('counts a cancellation only when a known appointment becomes cancelled', () => {
    expect(changeAfterUpdate({ status: 'cancelled' }).outcome?.becameCancelled).toBe(true);
    const { cache } = openTestCache();
    const [arrivedCancelled] = cache.appointments.upsertPage(SOURCE, [remoteAppointment('5', { status: 'cancelled' })], T0, null);
    expect(arrivedCancelled?.becameCancelled).toBe(false);
  });

  it('marks removals without deleting, with a removed change row, once', () => {
    const { cache } = openTestCache();
    cache.appointments.upsertPage(SOURCE, [remoteAppointment('1'), remoteAppointment('2')], T0, null);

    expect(cache.appointments.markRemoved(SOURCE, ['1', 'unknown'], T1, null)).toBe(1);
    expect(cache.appointments.markRemoved(SOURCE, ['1'], T1, null)).toBe(0);

    expect(cache.appointments.get(SOURCE, '1')).toMatchObject({ deleted: true });
    const removed = cache.changes.list({ kinds: ['removed'], limit: 10, offset: 0 }).rows;
    expect(removed).toEqual([
      expect.objectContaining({ appointmentExternalId: '1', before: original, after: { ...original, deleted: true } }),
    ]);
  });

  it('finds live appointments in a window that a sync has not seen since a time', () => {
    const { cache } = openTestCache();
    cache.appointments.upsertPage(
      SOURCE,
      [
        remoteAppointment('in-window', { startsAt: '2025-06-05T09:00:00Z' }),
        remoteAppointment('seen-again', { startsAt: '2025-06-06T09:00:00Z' }),
        remoteAppointment('outside', { startsAt: '2025-07-30T09:00:00Z' }),
        remoteAppointment('already-removed', { startsAt: '2025-06-07T09:00:00Z' }),
      ],
      T0,
      null,
    );
    cache.appointments.upsertPage(SOURCE, [remoteAppointment('seen-again', { startsAt: '2025-06-06T09:00:00Z' })], T1, null);
    cache.appointments.markRemoved(SOURCE, ['already-removed'], T1, null);

    expect(cache.appointments.idsInWindowNotSeenSince(SOURCE, '2025-06-01T00:00:00Z', '2025-07-01T00:00:00Z', T1)).toEqual(['in-window']);
  });

  it('stores times in one UTC shape whatever offset the source used', () => {
    const { cache } = openTestCache();
    cache.appointments.upsertPage(SOURCE, [remoteAppointment('1', { startsAt: '2025-06-10T19:00:00+10:00' })], T0, null);

    const [again] = cache.appointments.upsertPage(SOURCE, [remoteAppointment('1', { startsAt: '2025-06-10T09:00:00.000Z' })], T1, null);

    expect(cache.appointments.get(SOURCE, '1')?.startsAt).toBe('2025-06-10T09:00:00.000Z');
    expect(again?.outcome).toBe('unchanged');
  });

  it('commits a page and its cursor together, or neither', () => {
    const { cache } = openTestCache();

    expect(() =>
      cache.transaction(() => {
        cache.appointments.upsertPage(SOURCE, [remoteAppointment('1')], T0, null);
        cache.cursors.set(SOURCE, 'appointments', T0);
        throw new Error('connection dropped');
      }),
    ).toThrow('connection dropped');

    expect(cache.appointments.get(SOURCE, '1')).toBeNull();
    expect(cache.cursors.get(SOURCE, 'appointments')).toBeNull();
  });
});
