import { describe, expect, it } from 'vitest';
import type { Cache } from '../../../electron/core/db';
import type { RemoteAppointment } from '../../../electron/core/domain';
import { openTestCache, remoteAppointment, SOURCE, T0 } from './fixtures';

const T1 = '2025-06-02T00:00:00.000Z';

/** Rows of every shape a page can bring: nulls, a removed one, a cancelled one, an offset instead of Z. */
function variedRows(count: number): RemoteAppointment[] {
  return Array.from({ length: count }, (_, n) =>
    remoteAppointment(String(9_000_000_000_000_000_000n + BigInt(n)), {
      patientExternalId: n % 11 === 0 ? null : String(836447129235883061n + BigInt(n % 7)),
      practitionerExternalId: n % 5 === 0 ? null : String(1000 + (n % 3)),
      practitionerName: n % 6 === 0 ? null : `Dr ${n % 3}`,
      serviceName: n % 4 === 0 ? null : 'Initial consult',
      startsAt:
        n % 3 === 0
          ? `2025-06-${String(10 + (n % 9)).padStart(2, '0')}T19:00:00+10:00`
          : `2025-06-10T09:${String(n % 60).padStart(2, '0')}:00.000Z`,
      endsAt: n % 8 === 0 ? null : '2025-06-20T09:30:00.123Z',
      status: n % 9 === 0 ? 'cancelled' : n % 10 === 0 ? 'no_show' : 'booked',
      cancelledAt: n % 9 === 0 ? '2025-06-01T08:00:00Z' : null,
      cancellationReason: n % 9 === 0 ? 'Unwell' : null,
      telehealthUrl: n % 2 === 0 ? `https://meet.example.test/${n}` : null,
      deleted: n % 13 === 0,
      remoteUpdatedAt: n % 12 === 0 ? null : '2025-05-20T08:00:00.000Z',
    }),
  );
}

const ANCHOR = remoteAppointment('1');
const utc = (iso: string | null) => (iso === null ? null : new Date(Date.parse(iso)).toISOString());
/** What reading `row` back must give: every value as sent, instants in UTC. */
const asCached = (row: RemoteAppointment) => ({
  ...row,
  startsAt: utc(row.startsAt),
  endsAt: utc(row.endsAt),
  cancelledAt: utc(row.cancelledAt),
  remoteUpdatedAt: utc(row.remoteUpdatedAt),
  lastSyncedAt: T1,
});
const tableRows = (cache: Cache) => cache.db.prepare('SELECT * FROM appointments ORDER BY id').all();
const changeRows = (cache: Cache) =>
  cache.db
    .prepare(
      'SELECT source, appointment_external_id, patient_external_id, kind, before, after, detected_at, run_id FROM appointment_changes ORDER BY id',
    )
    .all();

/**
 * The same rows written twice, in pages of `size`: once as pages of new rows only (inserted together),
 * once with a cached row at the head of each page (so each row is compared with the cache, one by one).
 */
function bothWays(rows: RemoteAppointment[], size: number) {
  const [together, oneByOne] = [openTestCache().cache, openTestCache().cache];
  for (const cache of [together, oneByOne]) cache.appointments.upsertPage(SOURCE, [ANCHOR], T0, null);
  const outcomes = { together: [] as unknown[], oneByOne: [] as unknown[] };
  for (let start = 0; start < rows.length; start += size) {
    const page = rows.slice(start, start + size);
    outcomes.together.push(...together.appointments.upsertPage(SOURCE, page, T1, null));
    outcomes.oneByOne.push(...oneByOne.appointments.upsertPage(SOURCE, [ANCHOR, ...page], T1, null).slice(1));
  }
  // Seen again (unchanged) in both.
  together.appointments.upsertPage(SOURCE, [ANCHOR], T1, null);
  return { together, oneByOne, outcomes };
}

describe('a page of new appointments', () => {
  it('stores exactly the rows, change rows and outcomes that comparing row by row stores', () => {
    // 60 rows a page: more than one INSERT statement's worth, and a part-filled last one.
    const { together, oneByOne, outcomes } = bothWays(variedRows(130), 60);

    expect(tableRows(together)).toHaveLength(131);
    expect(tableRows(together)).toEqual(tableRows(oneByOne));
    expect(changeRows(together)).toEqual(changeRows(oneByOne));
    expect(changeRows(together).length).toBeGreaterThan(100);
    expect(outcomes.together).toEqual(outcomes.oneByOne);
    expect(outcomes.together.filter((o) => (o as { changes: string[] }).changes.length === 0)).toHaveLength(10);
    for (const row of variedRows(130)) expect(together.appointments.get(SOURCE, row.externalId)).toEqual(asCached(row));
  });

  it('writes a page that repeats a new record as the record-by-record way does: once, then updated', () => {
    const { cache } = openTestCache();
    const first = remoteAppointment('7');
    const outcomes = cache.appointments.upsertPage(SOURCE, [first, { ...first, startsAt: '2025-06-11T09:00:00.000Z' }], T1, null);

    expect(outcomes.map((o) => o.outcome)).toEqual(['new', 'updated']);
    expect(tableRows(cache)).toHaveLength(1);
    expect(cache.appointments.get(SOURCE, '7')?.startsAt).toBe('2025-06-11T09:00:00.000Z');
  });

  it('refuses a page with an invalid instant, naming the field, and stores none of it', () => {
    const { cache } = openTestCache();
    const rows = [...variedRows(30), remoteAppointment('8', { endsAt: 'next Tuesday' })];

    expect(() => cache.appointments.upsertPage(SOURCE, rows, T1, null)).toThrow('Appointment 8 endsAt is not a valid date and time.');
    expect(tableRows(cache)).toEqual([]);
    expect(changeRows(cache)).toEqual([]);
  });

  it('refuses an instant in the stored shape whose month does not exist, rather than storing no end', () => {
    const { cache } = openTestCache();
    const rows = [...variedRows(30), remoteAppointment('8', { endsAt: '2025-13-01T09:30:00.000Z' })];

    expect(() => cache.appointments.upsertPage(SOURCE, rows, T1, null)).toThrow('ends_at is not a valid date and time.');
    expect(tableRows(cache)).toEqual([]);
  });
});
