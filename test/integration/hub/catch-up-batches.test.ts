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
  // More records than one read from the hub takes (2,000): a desk behind by this run is far behind.
  emulator = await startClinikoEmulator({
    patients: 2_400,
    latencyMs: { min: 1, max: 2 },
    now: clock.now,
    rateLimit: { perMinute: 6_000, perDay: 1e9 },
  });
}, 120_000);
afterAll(() => closeHubTest(desks, emulator, cluster), 60_000);

function desk(name: string): TestService {
  const opened = openTestService({
    now: clock.now,
    deskName: `Desk ${name}`,
    connectorOptions: { rateLimits: { perMinute: 6_000, perDay: null } },
  });
  desks.push(opened);
  return opened;
}

/** The cache a desk applies into (the session's, which tests may wrap to make a write fail). */
async function applyingCache(service: AppService): Promise<Cache> {
  return (await service.hub.session()).deps.cache;
}

/** What a desk's user sees of each patient's next appointment, by patient. */
function nextAppointments(service: AppService): unknown[] {
  const { rows } = service.roster.query({ sort: { field: 'name', dir: 'asc' }, offset: 0, limit: 5000 });
  return rows.map((row) => [row.firstName, row.lastName, row.dateOfBirth, row.nextAppointment]);
}

function changeFeed(service: AppService): unknown[] {
  const { rows } = service.history.changes({ includeInitialLoad: true, openSince: '2000-01-01T00:00:00.000Z', limit: 5000, offset: 0 });
  return rows.map((change) => [change.appointmentExternalId, change.kind, change.after]).sort((x, y) => String(x).localeCompare(String(y)));
}

describe('a desk catching up far behind', () => {
  it('applies pages several per transaction, all or none: a failure mid-catch-up shows no partial page, and the next catch-up converges', async () => {
    const a = desk('A');
    await a.service.sources.add({ kind: 'cliniko', name: 'Northside', apiKey: emulator.apiKey, baseUrl: emulator.url });
    const url = await cluster.createDatabase('clinic');
    const { joinCode } = await a.service.hub.init({ url });
    const b = desk('B');
    await b.service.hub.join({ url, joinCode });
    const pulled = await syncDesk(a.service);
    expect(pulled.runs.map((run) => run.status)).toEqual(['completed']);

    // B is behind by A's whole run; its 15th page write fails (a crash, as far as SQLite can tell).
    const cache = await applyingCache(b.service);
    const { state } = (await b.service.hub.session()).deps;
    const counted = { pages: 0, transactions: 0 };
    const { patients, appointments } = cache;
    const [applying, patientsPage, appointmentsPage] = [state.applyingFromHub, patients.upsertPage, appointments.upsertPage];
    const failingAt15 = () => {
      if (++counted.pages === 15) throw new Error('disk full');
    };
    state.applyingFromHub = (fn) => (counted.transactions++, applying(fn));
    patients.upsertPage = (...args) => (failingAt15(), patientsPage(...args));
    appointments.upsertPage = (...args) => (failingAt15(), appointmentsPage(...args));
    await expect(b.service.hub.exchange()).rejects.toThrow('disk full');
    [state.applyingFromHub, patients.upsertPage, appointments.upsertPage] = [applying, patientsPage, appointmentsPage];
    // Far behind, B took pages several per transaction.
    expect(counted.pages).toBe(15);
    expect(counted.transactions * 2).toBeLessThan(counted.pages);
    // B shows what its committed transactions held, exactly as on A, and nothing of the one that failed.
    const patientsOnA = exported(a.service, 'patients');
    const appointmentsOnA = exported(a.service, 'appointments');
    const shown = [...exported(b.service, 'patients'), ...exported(b.service, 'appointments')];
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(patientsOnA.length + appointmentsOnA.length);
    const onA = new Set([...patientsOnA, ...appointmentsOnA].map((record) => JSON.stringify(record)));
    expect(shown.filter((record) => !onA.has(JSON.stringify(record)))).toEqual([]);

    // Now the run's end fails: the pages before it are in (B shows them), the run is not in B's history yet.
    const finish = cache.runs.finish;
    cache.runs.finish = () => {
      throw new Error('disk full');
    };
    await expect(b.service.hub.exchange()).rejects.toThrow('disk full');
    cache.runs.finish = finish;
    expect(exported(b.service, 'patients')).toEqual(patientsOnA);
    expect(exported(b.service, 'appointments')).toEqual(appointmentsOnA);
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
