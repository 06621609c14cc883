import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClinikoEmulator, type ClinikoControl, type RunningEmulator } from '../../../electron/emulators';
import type { ChangeKind } from '../../../electron/core/domain';
import type { AppService } from '../../../electron/core/service';
import { sharedChangeRef } from '../../../electron/core/hub/local-done-marks';
import { doneMarkVersion } from '../../../electron/core/hub/payloads';
import { TestClock } from '../../support/test-clock';
import { openTestService, type TestService } from '../../support/test-service';
import { closeHubTest, syncDesk } from './desks';
import { startPgCluster, type PgCluster } from './pg-cluster';

// The emulated practice and desk A (which pulls from it) on one clock, anchored at a fixed date.
const practiceClock = new TestClock();
let cluster: PgCluster;
let emulator: RunningEmulator<ClinikoControl>;
let url: string;
let joinCode: string;
const opened: TestService[] = [];
/** The clocks of B, C and D, so which mark is the later is decided by the test, not by the machine. */
const clocks = { B: Date.parse('2026-11-20T10:00:00Z'), C: Date.parse('2026-11-20T10:00:00Z'), D: Date.parse('2026-11-20T10:00:00Z') };
let a: AppService;
let b: AppService;
let c: AppService;
/** The appointment rescheduled upstream: every desk has its own row of that change. */
let moved: string;

/** A desk named desk-<x> (the name its done-marks carry). */
function open(name: 'A' | 'B' | 'C' | 'D'): AppService {
  const now = name === 'A' ? practiceClock.now : () => new Date(clocks[name]);
  const desk = openTestService({ now, processId: `desk-${name.toLowerCase()}:1`, deskName: `Desk ${name}` });
  opened.push(desk);
  return desk.service;
}

beforeAll(async () => {
  cluster = await startPgCluster();
  emulator = await startClinikoEmulator({ patients: 30, latencyMs: { min: 1, max: 2 }, now: practiceClock.now });
  url = await cluster.createDatabase('clinic');
  a = open('A');
  b = open('B');
  c = open('C');
  await a.sources.add({ kind: 'cliniko', name: 'Northside', apiKey: emulator.apiKey, baseUrl: emulator.url });
  ({ joinCode } = await a.hub.init({ url }));
  await syncDesk(a);
  await b.hub.join({ url, joinCode });
  await c.hub.join({ url, joinCode });
  // Booked after the initial load (which is counted on its run, not listed): a "new" change on every desk.
  emulator.control.addAppointment();
  emulator.control.addAppointment();
  await syncDesk(a);
  await b.hub.exchange();
  await c.hub.exchange();

  const first = a.history.changes({ since: '2000-01-01T00:00:00Z', includeInitialLoad: true, kinds: ['new'], limit: 1, offset: 0 }).rows[0];
  if (!first?.after) throw new Error('no appointment was synced');
  moved = first.appointmentExternalId;
  emulator.control.reschedule(moved, new Date(Date.parse(first.after.startsAt) + 3_600_000).toISOString().replace('.000', ''));
  await syncDesk(a);
  await b.hub.exchange();
  await c.hub.exchange();
}, 180_000);
afterAll(() => closeHubTest(opened, emulator, cluster), 60_000);

/** The desk's own row of a change of this appointment, as its Changes work-list shows it. */
function changeOn(service: AppService, appointment: string, kind: ChangeKind) {
  const rows = service.history
    .changes({ since: '2000-01-01T00:00:00Z', includeInitialLoad: true, kinds: [kind], limit: 1000, offset: 0 })
    .rows.filter((row) => row.appointmentExternalId === appointment);
  expect(rows).toHaveLength(1);
  const [row] = rows;
  if (!row) throw new Error('unreachable');
  return row;
}
const markOn = (service: AppService, appointment = moved, kind: ChangeKind = 'rescheduled') => {
  const { doneAt, doneBy } = changeOn(service, appointment, kind);
  return { doneAt, doneBy };
};
const exchange = async (...desks: AppService[]) => {
  for (const desk of desks) await desk.hub.exchange();
};

describe('done-marks of the Changes work-list shared through the hub', () => {
  it('a change marked done on B shows done on A and C; cleared on C, it is to do again everywhere', async () => {
    // Each desk has its own row of the reschedule (made as it applied the appointment from the hub).
    const onB = changeOn(b, moved, 'rescheduled');

    clocks.B += 60_000;
    const at = new Date(clocks.B).toISOString();
    b.history.setChangesDone([onB.id], true);
    await exchange(b, a, c);
    for (const desk of [a, b, c]) expect(markOn(desk)).toEqual({ doneAt: at, doneBy: 'desk-b' });
    // Only that change: the booking of the same appointment is still to do.
    for (const desk of [a, c]) expect(markOn(desk, moved, 'new').doneAt).toBeNull();

    clocks.C = clocks.B + 60_000;
    c.history.setChangesDone([changeOn(c, moved, 'rescheduled').id], false);
    await exchange(c, a, b);
    for (const desk of [a, b, c]) expect(markOn(desk)).toEqual({ doneAt: null, doneBy: null });
  });

  it('marks made at once on two desks settle the same on every desk: the later wins, a tie goes by keyed hash', async () => {
    // C marks later than B. B publishes first, and C hears of B's mark before publishing its own: C
    // keeps its own (the later), and every desk ends with it.
    clocks.B += 120_000;
    clocks.C = clocks.B + 30_000;
    b.history.setChangesDone([changeOn(b, moved, 'rescheduled').id], true);
    c.history.setChangesDone([changeOn(c, moved, 'rescheduled').id], true);
    await exchange(b);
    await (await c.hub.session()).catchUp();
    const later = { doneAt: new Date(clocks.C).toISOString(), doneBy: 'desk-c' };
    expect(markOn(c)).toEqual(later);
    await exchange(c, a, b);
    for (const desk of [a, b, c]) expect(markOn(desk)).toEqual(later);

    // B clears it, later than C's mark: the clear wins everywhere.
    clocks.B = clocks.C + 60_000;
    b.history.setChangesDone([changeOn(b, moved, 'rescheduled').id], false);
    await exchange(b, c, a);
    for (const desk of [a, b, c]) expect(markOn(desk).doneAt).toBeNull();

    // The same instant on both desks: the mark with the larger keyed hash wins on every desk and on the hub.
    clocks.B += 60_000;
    clocks.C = clocks.B;
    const at = new Date(clocks.B).toISOString();
    b.history.setChangesDone([changeOn(b, moved, 'rescheduled').id], true);
    c.history.setChangesDone([changeOn(c, moved, 'rescheduled').id], true);
    await exchange(b, c, a, b);
    const { key } = (await a.hub.session()).deps;
    const version = (by: string) => doneMarkVersion(key, { updatedAt: at, done: { at, by } });
    const winner = version('desk-b') > version('desk-c') ? 'desk-b' : 'desk-c';
    for (const desk of [a, b, c]) expect(markOn(desk)).toEqual({ doneAt: at, doneBy: winner });
  });

  it('a desk joining later gets a mark that comes before its change in the hub log, once the change arrives', async () => {
    const booking = a.history
      .changes({ since: '2000-01-01T00:00:00Z', includeInitialLoad: true, kinds: ['new'], limit: 1000, offset: 0 })
      .rows.find((row) => row.appointmentExternalId !== moved);
    if (!booking) throw new Error('no other booking');
    clocks.B += 60_000;
    b.history.setChangesDone([changeOn(b, booking.appointmentExternalId, 'new').id], true);
    await exchange(b);
    // A full sync stamps every appointment again, so the booking's appointment is now after the mark in the log.
    await syncDesk(a, 'full');
    const { key } = (await a.hub.session()).deps;
    const seqOf = async (address: Buffer) =>
      Number(
        (await cluster.query<{ seq: string }>('clinic', `SELECT seq FROM hub_records WHERE address = '\\x${address.toString('hex')}'`))[0]
          ?.seq,
      );
    const markSeq = await seqOf(
      key.address({
        kind: 'done-mark',
        source: booking.source,
        ref: sharedChangeRef({ ...booking, after: JSON.stringify(booking.after) }),
      }),
    );
    const appointmentSeq = await seqOf(key.address({ kind: 'appointment', source: booking.source, ref: booking.appointmentExternalId }));
    expect(markSeq).toBeLessThan(appointmentSeq);

    const d = open('D');
    await d.hub.join({ url, joinCode });
    expect(markOn(d, booking.appointmentExternalId, 'new')).toEqual({ doneAt: new Date(clocks.B).toISOString(), doneBy: 'desk-b' });
    expect((await d.hub.status()).outbox.count).toBe(0);
  });
});
