import { describe, expect, it } from 'vitest';
import { createPlanEstimatesRepo } from '../../../electron/core/db/repos/plan-estimates';
import { openTestCache, remoteAppointment, remotePatient, SOURCE, T0 } from './fixtures';

const PATIENT = '836447129235883061';
const T1 = '2025-06-02T00:00:00.000Z';

// Instants as a remote API gives them (offsets, no milliseconds) and as the cache gives them back.
const GIVEN = {
  startsAt: '2025-06-10T19:00:00+10:00',
  endsAt: '2025-06-10T09:30:00.5Z',
  cancelledAt: '2025-06-08T23:59:59.999Z',
  remoteUpdatedAt: '2025-05-20T08:00:00Z',
};
const READ = {
  startsAt: '2025-06-10T09:00:00.000Z',
  endsAt: '2025-06-10T09:30:00.500Z',
  cancelledAt: '2025-06-08T23:59:59.999Z',
  remoteUpdatedAt: '2025-05-20T08:00:00.000Z',
};

describe('appointment instants: stored as epoch ms, read as ISO-8601 text', () => {
  it('round-trips every instant through upsert, get, forPatient, iterate, the day sheet and the roster', () => {
    const { cache } = openTestCache();
    cache.patients.upsertPage(SOURCE, [remotePatient(PATIENT)], T0);
    cache.appointments.upsertPage(SOURCE, [remoteAppointment('1', { ...GIVEN, status: 'booked' })], T0, null);

    const raw = cache.db.prepare('SELECT starts_at, ends_at, cancelled_at, remote_updated_at, last_synced_at FROM appointments').get();
    expect(raw).toEqual({
      starts_at: Date.parse(READ.startsAt),
      ends_at: Date.parse(READ.endsAt),
      cancelled_at: Date.parse(READ.cancelledAt),
      remote_updated_at: Date.parse(READ.remoteUpdatedAt),
      last_synced_at: Date.parse(T0),
    });
    const expected = { ...READ, lastSyncedAt: T0 };
    expect(cache.appointments.get(SOURCE, '1')).toMatchObject(expected);
    expect(cache.appointments.forPatient(SOURCE, PATIENT)).toEqual([expect.objectContaining(expected)]);
    expect([...cache.appointments.iterate()]).toEqual([expect.objectContaining(expected)]);
    expect(cache.daySheet.appointments(SOURCE, '2025-06-10T09:00:00.000Z', '2025-06-10T09:00:00.001Z')).toEqual([
      expect.objectContaining({ externalId: '1', startsAt: READ.startsAt, endsAt: READ.endsAt }),
    ]);
    const [row] = cache.roster.query({ sort: { field: 'name', dir: 'asc' }, offset: 0, limit: 1, nowIso: T0 }).rows;
    expect(row?.nextAppointment).toMatchObject({ externalId: '1', startsAt: READ.startsAt, endsAt: READ.endsAt });
  });

  it('compares the same instant written another way as unchanged, and writes a changed one as ms', () => {
    const { cache } = openTestCache();
    cache.appointments.upsertPage(SOURCE, [remoteAppointment('1', GIVEN)], T0, null);

    const [same] = cache.appointments.upsertPage(
      SOURCE,
      [remoteAppointment('1', { ...GIVEN, startsAt: '2025-06-10T09:00:00.000Z' })],
      T1,
      null,
    );
    expect(same?.outcome).toBe('unchanged');
    expect(cache.appointments.get(SOURCE, '1')?.lastSyncedAt).toBe(T1);

    const [moved] = cache.appointments.upsertPage(
      SOURCE,
      [remoteAppointment('1', { ...GIVEN, endsAt: null, startsAt: '2025-06-11T09:00:00Z' })],
      T1,
      null,
    );
    expect(moved).toMatchObject({ outcome: 'updated', changes: ['rescheduled'] });
    expect(cache.db.prepare('SELECT starts_at, ends_at FROM appointments').get()).toEqual({
      starts_at: Date.parse('2025-06-11T09:00:00.000Z'),
      ends_at: null,
    });
    expect(cache.appointments.get(SOURCE, '1')).toMatchObject({ startsAt: '2025-06-11T09:00:00.000Z', endsAt: null });
  });

  it('keeps the day sheet and reconciliation windows half-open to the millisecond', () => {
    const { cache } = openTestCache();
    cache.appointments.upsertPage(
      SOURCE,
      [
        remoteAppointment('before', { startsAt: '2025-06-09T23:59:59.999Z' }),
        remoteAppointment('first', { startsAt: '2025-06-10T00:00:00.000Z' }),
        remoteAppointment('last', { startsAt: '2025-06-10T23:59:59.999Z' }),
        remoteAppointment('after', { startsAt: '2025-06-11T00:00:00.000Z' }),
      ],
      T0,
      null,
    );
    const day = (from: string, to: string) => cache.daySheet.appointments(SOURCE, from, to).map((a) => a.externalId);
    expect(day('2025-06-10T00:00:00.000Z', '2025-06-11T00:00:00.000Z')).toEqual(['first', 'last']);
    // The same day given with an offset.
    expect(day('2025-06-10T10:00:00+10:00', '2025-06-11T10:00:00+10:00')).toEqual(['first', 'last']);

    expect(cache.appointments.idsInWindowNotSeenSince(SOURCE, '2025-06-10T00:00:00.000Z', '2025-06-11T00:00:00.000Z', T0)).toEqual([]);
    expect(
      cache.appointments.idsInWindowNotSeenSince(
        SOURCE,
        '2025-06-10T00:00:00.000Z',
        '2025-06-11T00:00:00.000Z',
        '2025-06-01T00:00:00.001Z',
      ),
    ).toEqual(['first', 'last']);
  });

  it('counts upcoming appointments changed upstream since an instant, both bounds inclusive', () => {
    const { cache } = openTestCache();
    cache.appointments.upsertPage(
      SOURCE,
      [
        remoteAppointment('past', { startsAt: '2025-06-09T23:59:59.999Z', remoteUpdatedAt: '2025-06-05T00:00:00.000Z' }),
        remoteAppointment('edge', { startsAt: '2025-06-10T00:00:00.000Z', remoteUpdatedAt: '2025-06-05T00:00:00.000Z' }),
        remoteAppointment('stale', { startsAt: '2025-06-12T00:00:00.000Z', remoteUpdatedAt: '2025-06-04T23:59:59.999Z' }),
        remoteAppointment('unknown', { startsAt: '2025-06-12T00:00:00.000Z', remoteUpdatedAt: null }),
      ],
      T0,
      null,
    );
    const estimates = createPlanEstimatesRepo(cache.db);
    expect(estimates.upcomingChangedSince(SOURCE, '2025-06-10T00:00:00.000Z', '2025-06-05T00:00:00.000Z')).toBe(1);
    expect(estimates.upcomingChangedSince(SOURCE, '2025-06-10T00:00:00.000Z', '2025-06-04T23:59:59.999Z')).toBe(2);
  });

  it('rejects an appointment whose start is not a date, naming the field, and keeps what is stored', () => {
    const { cache } = openTestCache();
    cache.appointments.upsertPage(SOURCE, [remoteAppointment('1', GIVEN)], T0, null);

    expect(() => cache.appointments.upsertPage(SOURCE, [remoteAppointment('1', { startsAt: 'next Tuesday' })], T1, null)).toThrow(
      'Appointment 1 startsAt is not a valid date and time.',
    );
    expect(cache.appointments.get(SOURCE, '1')).toMatchObject({ ...READ, lastSyncedAt: T0 });
  });
});
