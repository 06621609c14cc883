import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cache } from '../../../electron/core/db';
import type { AppService } from '../../../electron/core/service';
import { startClinikoEmulator, type ClinikoControl, type RunningEmulator } from '../../../electron/emulators';
import { TestClock } from '../../support/test-clock';
import { openTestService, type TestService } from '../../support/test-service';
import { closeHubTest, exported, syncDesk } from './desks';
import { startPgCluster, type PgCluster } from './pg-cluster';

// The emulated practice and the desks on one clock, so A's later sync sees what moved upstream.
const clock = new TestClock();
let cluster: PgCluster;
let emulator: RunningEmulator<ClinikoControl>;
const desks: TestService[] = [];

beforeAll(async () => {
  cluster = await startPgCluster();
  // Three pages of patients and several of appointments: more than one page waits for a desk that is behind.
  emulator = await startClinikoEmulator({ patients: 240, latencyMs: { min: 1, max: 2 }, now: clock.now });
}, 120_000);
afterAll(() => closeHubTest(desks, emulator, cluster), 60_000);

function desk(name: string): TestService {
  const opened = openTestService({ now: clock.now, deskName: `Desk ${name}` });
  desks.push(opened);
  return opened;
}

/** The cache a desk applies into (the session's, which tests may wrap to make a write fail). */
async function applyingCache(service: AppService): Promise<Cache> {
  return (await service.hub.session()).deps.cache;
}

/** What a desk's user sees of each patient's next appointment, by patient. */
function nextAppointments(service: AppService): unknown[] {
  const { rows } = service.roster.query({ sort: { field: 'name', dir: 'asc' }, offset: 0, limit: 1000 });
  return rows.map((row) => [row.firstName, row.lastName, row.dateOfBirth, row.nextAppointment]);
}

function changeFeed(service: AppService): unknown[] {
  const { rows } = service.history.changes({ includeInitialLoad: true, openSince: '2000-01-01T00:00:00.000Z', limit: 1000, offset: 0 });
  return rows.map((change) => [change.appointmentExternalId, change.kind, change.after]).sort((x, y) => String(x).localeCompare(String(y)));
}

describe('a desk catching up several pages behind', () => {
  it('applies them all or none per transaction: a failure mid-catch-up shows no partial page, and the next catch-up converges', async () => {
    const a = desk('A');
    await a.service.sources.add({ kind: 'cliniko', name: 'Northside', apiKey: emulator.apiKey, baseUrl: emulator.url });
    const url = await cluster.createDatabase('clinic');
    const { joinCode } = await a.service.hub.init({ url });
    const b = desk('B');
    await b.service.hub.join({ url, joinCode });
    const pulled = await syncDesk(a.service);
    expect(pulled.runs.map((run) => run.status)).toEqual(['completed']);

    // B is behind by A's whole run; its first appointments write fails (a crash, as far as SQLite can tell).
    const cache = await applyingCache(b.service);
    const upsert = cache.appointments.upsertPage;
    cache.appointments.upsertPage = () => {
      throw new Error('disk full');
    };
    await expect(b.service.hub.exchange()).rejects.toThrow('disk full');
    cache.appointments.upsertPage = upsert;
    // What B shows is whole pages of A's (patients went in by pages of 100, alone or with others), no appointment.
    const patientsOnA = exported(a.service, 'patients');
    const shown = exported(b.service, 'patients');
    expect(shown.length % 100 === 0 || shown.length === patientsOnA.length).toBe(true);
    expect(shown).toEqual(patientsOnA.slice(0, shown.length));
    expect(exported(b.service, 'appointments')).toEqual([]);

    // Now the run's end fails: the pages before it are in (B shows them), the run is not in B's history yet.
    const finish = cache.runs.finish;
    cache.runs.finish = () => {
      throw new Error('disk full');
    };
    await expect(b.service.hub.exchange()).rejects.toThrow('disk full');
    cache.runs.finish = finish;
    expect(exported(b.service, 'patients')).toEqual(patientsOnA);
    expect(exported(b.service, 'appointments')).toEqual(exported(a.service, 'appointments'));
    expect(b.service.history.runs({ limit: 10, offset: 0 }).rows.map((run) => run.status)).toEqual(['running']);

    await b.service.hub.exchange();
    expect(b.service.history.runs({ limit: 10, offset: 0 }).rows.map((run) => [run.status, run.desk])).toEqual([['completed', 'Desk A']]);
    expect(nextAppointments(b.service)).toEqual(nextAppointments(a.service));
    expect(nextAppointments(b.service).some((row) => (row as unknown[])[3] !== null)).toBe(true);

    // A later run moves appointments; B, behind again, shows the same changes and next appointments as A.
    const synced = exported(a.service, 'appointments') as Array<{ externalId: string; startsAt: string; status: string }>;
    const moved = synced.filter((appointment) => appointment.status === 'booked').slice(0, 5);
    for (const appointment of moved) {
      emulator.control.reschedule(
        appointment.externalId,
        new Date(Date.parse(appointment.startsAt) + 3_600_000).toISOString().replace('.000', ''),
      );
    }
    expect((await syncDesk(a.service)).runs.map((run) => run.status)).toEqual(['completed']);
    await b.service.hub.exchange();
    expect(changeFeed(b.service)).toEqual(changeFeed(a.service));
    expect(changeFeed(b.service).length).toBeGreaterThanOrEqual(moved.length);
    expect(exported(b.service, 'appointments')).toEqual(exported(a.service, 'appointments'));
    expect(nextAppointments(b.service)).toEqual(nextAppointments(a.service));
  }, 120_000);
});
