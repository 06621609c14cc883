import { afterEach, describe, expect, it } from 'vitest';
import { dayBounds } from '../../../electron/core/day-sheet/clinic-day';
import { HIDDEN_BY_DEFAULT_STATUSES, type SyncProgressView } from '../../../electron/core/domain';
import { closeUpstreams, startUpstream, TIME_SCALE, type Upstream } from '../sync/support/upstream';
import { openTestService, type TestService } from '../../support/test-service';

/** The practice and the console share one clock, anchored here (a Wednesday in Melbourne's daylight time). */
const ANCHOR = Date.parse('2026-03-03T23:00:00.000Z');
const ZONE = 'Australia/Melbourne';
const DAY = '2026-03-05';

let t: TestService | undefined;
afterEach(async () => {
  await t?.dispose();
  t = undefined;
  await closeUpstreams();
});

async function practice(kind: 'cliniko' | 'intakeq') {
  const startedAt = Date.now();
  const now = () => new Date(ANCHOR + (Date.now() - startedAt));
  const upstream = await startUpstream(kind, { patients: 60, seed: 17, now, timeZone: ZONE });
  t = openTestService({ now, connectorOptions: { timeScale: TIME_SCALE[kind] } });
  t.service.settings.update({ schedule: { timeZone: ZONE } });
  // A small practice has few bookings a day: give the day under test a morning of its own.
  const patients = [...(await upstream.truth()).patients.keys()];
  for (const [i, at] of ['2026-03-04T21:30:00Z', '2026-03-04T23:00:00Z', '2026-03-05T01:15:00Z', '2026-03-05T04:45:00Z'].entries()) {
    upstream.addAppointment(patients[i] as string, at);
  }
  const source = await t.service.sources.add({ kind, name: 'Northside', apiKey: upstream.apiKey, baseUrl: upstream.url });
  const first = await t.service.sync.start({ mode: 'full', trigger: 'manual' });
  expect((await first.done).map((run) => run.status)).toEqual(['completed']);
  return { upstream, source, service: t.service, cache: t.openCache() };
}

/** What the upstream lists as starting on the clinic day, expected or not. */
async function upstreamDay(upstream: Upstream, day: string) {
  const { from, to } = dayBounds(day, ZONE);
  const truth = await upstream.truth();
  return [...truth.appointments.values()].filter((a) => a.startsAt >= from && a.startsAt < to && !a.deleted);
}

describe('the day sheet', () => {
  it('shows the clinic day the practice has, in start order, with patients, and says how fresh it is', async () => {
    const { upstream, source, service } = await practice('cliniko');
    const sheet = service.daySheet.day(DAY);
    const expected = await upstreamDay(upstream, DAY);
    expect(expected.length).toBeGreaterThanOrEqual(4);

    expect(sheet).toMatchObject({ date: DAY, timeZone: ZONE, from: '2026-03-04T13:00:00.000Z', to: '2026-03-05T13:00:00.000Z', hours: 24 });
    expect(sheet.totalForDay).toBe(expected.length);
    const shown = expected.filter((a) => !HIDDEN_BY_DEFAULT_STATUSES.includes(a.status));
    expect(sheet.rows.map((r) => r.externalId).sort()).toEqual(shown.map((a) => a.externalId).sort());
    expect(sheet.rows.map((r) => r.startsAt)).toEqual([...sheet.rows.map((r) => r.startsAt)].sort());
    expect(sheet.rows.every((r) => r.patientName !== null && r.patientId !== null)).toBe(true);
    expect(sheet.freshness).toEqual([
      { source: source.id, sourceName: 'Northside', asOf: expect.any(String), runId: expect.any(Number), syncing: false },
    ]);

    const practitioner = sheet.practitioners[0] as string;
    const narrowed = service.daySheet.day(DAY, { practitioners: [practitioner], statuses: ['cancelled'] });
    expect(narrowed.rows.every((r) => r.practitionerName === practitioner && r.status === 'cancelled')).toBe(true);

    const week = service.daySheet.week(DAY);
    expect(week.weekOf).toBe('2026-03-02');
    expect(week.days.map((d) => d.date)).toEqual([
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
    ]);
    expect(week.days[3]).toMatchObject({ active: shown.length, cancelled: expected.length - shown.length });
  }, 60_000);

  it('refreshes just the day: new, cancelled and removed bookings of that day arrive, other days and cursors stay', async () => {
    const { upstream, source, service, cache } = await practice('cliniko');
    const before = service.daySheet.day(DAY);
    const [kept, toCancel, toDelete] = before.rows;
    expect(toDelete).toBeDefined();
    const patient = [...(await upstream.truth()).patients.keys()][0] as string;
    const added = upstream.addAppointment(patient, '2026-03-04T22:00:00Z'); // 09:00 in Melbourne
    const elsewhere = upstream.addAppointment(patient, '2026-03-05T22:00:00Z'); // the next day
    upstream.cancel(toCancel?.externalId as string, 'Unwell');
    upstream.deleteAppointment(toDelete?.externalId as string);
    const cursors = {
      back: cache.cursors.get(source.id, 'appointments_back'),
      forward: cache.cursors.get(source.id, 'appointments_forward'),
    };
    const requestsBefore = upstream.stats().requests;

    const progress: SyncProgressView[] = [];
    service.events.on('progress', (p) => progress.push(p));
    const refresh = await service.daySheet.refreshDay(DAY);
    expect(refresh.started).toEqual([{ source: source.id, runId: expect.any(Number) }]);
    const [run] = await refresh.done;

    expect(run).toMatchObject({
      status: 'completed',
      scope: {
        mode: 'day',
        phases: ['appointments_day', 'reconcile'],
        window: { from: '2026-03-04T13:00:00.000Z', to: '2026-03-05T13:00:00.000Z' },
      },
    });
    expect(progress.some((p) => p.phase === 'appointments_day')).toBe(true);
    expect(upstream.stats().requests - requestsBefore).toBeLessThan(10);
    expect({
      back: cache.cursors.get(source.id, 'appointments_back'),
      forward: cache.cursors.get(source.id, 'appointments_forward'),
    }).toEqual(cursors);

    const after = service.daySheet.day(DAY);
    const ids = after.rows.map((r) => r.externalId);
    expect(ids).toContain(added);
    expect(ids).toContain(kept?.externalId);
    expect(ids).not.toContain(toCancel?.externalId);
    expect(ids).not.toContain(toDelete?.externalId);
    expect(after.rows.find((r) => r.externalId === added)?.changes).toEqual(['new']);
    expect(service.daySheet.day(DAY, { statuses: ['cancelled'] }).rows.find((r) => r.externalId === toCancel?.externalId)?.changes).toEqual(
      ['cancelled'],
    );
    expect(service.daySheet.day('2026-03-06').rows.map((r) => r.externalId)).not.toContain(elsewhere);
    expect(after.freshness[0]).toMatchObject({ runId: run?.id, asOf: run?.startedAt });
  }, 60_000);

  it('exports the day as CSV and iCalendar with the sheet’s filters, and refuses a day that does not exist', async () => {
    const { service } = await practice('intakeq');
    const sheet = service.daySheet.day(DAY);
    const csv = service.daySheet.export(DAY, 'day', 'csv');
    expect(csv.fileName).toBe(`clinicsync-appointments-${DAY}.csv`);
    expect(csv.count).toBe(sheet.rows.length);
    expect(csv.content.split('\r\n').filter(Boolean)).toHaveLength(sheet.rows.length + 1);
    const ics = service.daySheet.export(DAY, 'week', 'ics', { telehealthOnly: true });
    expect(ics.fileName).toBe('clinicsync-appointments-week-of-2026-03-02.ics');
    expect(ics.count).toBeGreaterThan(0);
    expect(ics.content.match(/BEGIN:VEVENT/g)?.length ?? 0).toBe(ics.count);
    expect(ics.content.match(/^URL:/gm)?.length ?? 0).toBe(ics.count);
    expect(() => service.daySheet.day('2026-02-30')).toThrow(/not a date/);
  }, 60_000);
});
