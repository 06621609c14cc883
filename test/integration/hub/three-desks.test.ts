import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClinikoEmulator, type ClinikoControl, type RunningEmulator } from '../../../electron/emulators';
import { formatJoinCode } from '../../../electron/core/hub/join-code';
import type { TestService } from '../../support/test-service';
import { exported, openDesk, syncDesk } from './desks';
import { startPgCluster, type PgCluster } from './pg-cluster';
import { anchoredNow } from '../../support/test-clock';

let cluster: PgCluster;
let emulator: RunningEmulator<ClinikoControl>;
let hubUrl: string;
const desks: TestService[] = [];
/** The clinic's join code, from the first test's `hub init`. */
let joinCode = '';

beforeAll(async () => {
  cluster = await startPgCluster();
  emulator = await startClinikoEmulator({ patients: 150, latencyMs: { min: 1, max: 2 }, now: anchoredNow() });
  hubUrl = await cluster.createDatabase('clinic');
}, 120_000);
afterAll(async () => {
  for (const desk of desks) await desk.dispose();
  await emulator.close();
  await cluster.destroy();
}, 60_000);

function desk(name: string): TestService {
  const opened = openDesk(name);
  desks.push(opened);
  return opened;
}

describe('three desks sharing one clinic hub', () => {
  it('A pulls from the API; B and C (no API key) converge to exactly the same exports; a wrong join code is refused', async () => {
    const a = desk('A');
    await a.service.sources.add({ kind: 'cliniko', name: 'Northside', apiKey: emulator.apiKey, baseUrl: emulator.url });
    ({ joinCode } = await a.service.hub.init({ url: hubUrl }));
    expect(joinCode).toMatch(/^CSHUB1-/);

    const b = desk('B');
    const c = desk('C');
    await b.service.hub.join({ url: hubUrl, joinCode });
    await c.service.hub.join({ url: hubUrl, joinCode });

    const requestsBefore = emulator.stats().requests;
    const pulled = await syncDesk(a.service);
    expect(pulled.runs.map((r) => r.status)).toEqual(['completed']);
    const onePull = emulator.stats().requests - requestsBefore;

    const fromB = await syncDesk(b.service);
    expect(fromB.runs).toEqual([]);
    // C's "Update from hub" (the console's sync start) waits for the hub and says what it brought.
    const fromC = await c.service.clinicSync.start({ mode: 'incremental', trigger: 'manual' });
    expect(fromC).toMatchObject({ started: [], refused: [] });
    expect(fromC.fromHub).toEqual([{ source: expect.any(String), reason: 'this desk has no API key for it', applied: expect.any(Number) }]);
    expect(fromC.fromHub[0]?.applied).toBeGreaterThan(150);
    expect(emulator.stats().requests - requestsBefore).toBe(onePull);

    const patients = exported(a.service, 'patients');
    expect(patients).toHaveLength(150);
    expect(exported(b.service, 'patients')).toEqual(patients);
    expect(exported(c.service, 'patients')).toEqual(patients);
    const appointments = exported(a.service, 'appointments');
    expect(appointments.length).toBeGreaterThan(0);
    expect(exported(b.service, 'appointments')).toEqual(appointments);
    expect(exported(c.service, 'appointments')).toEqual(appointments);
    // History on B shows A's run, with the desk that ran it.
    const history = b.service.history.runs({ limit: 10, offset: 0 });
    expect(history.rows.map((r) => [r.status, r.desk])).toEqual([['completed', 'Desk A']]);
    expect(history.rows[0]?.counts).toEqual(pulled.runs[0]?.counts);
    expect(a.service.history.runs({ limit: 10, offset: 0 }).rows.map((r) => r.desk)).toEqual([null]);
    // B follows Northside through the hub without its key: that is said, not raised as a missing key.
    expect((await b.service.sources.list()).map((s) => [s.name, s.hasCredential, s.followedThroughHub])).toEqual([
      ['Northside', false, { pulledBy: 'Desk A' }],
    ]);
    expect((await a.service.sources.list()).map((s) => [s.hasCredential, s.followedThroughHub])).toEqual([[true, null]]);
    expect((await c.service.hub.status()).desks.map((d) => d.name)).toEqual(['Desk A', 'Desk B', 'Desk C']);

    const d = desk('D');
    const status = await a.service.hub.status();
    await expect(d.service.hub.join({ url: hubUrl, joinCode: formatJoinCode(Buffer.alloc(32, 7)) })).rejects.toMatchObject({
      code: 'wrong_join_code',
    });
    expect(d.service.hub.joined()).toBe(false);
    expect(await d.service.sources.list()).toEqual([]);
    expect((await a.service.hub.status()).desks).toEqual(status.desks);
  }, 120_000);

  it('a desk joining after the source was renamed gets the source ahead of its records, and every record', async () => {
    const a = desks[0]!;
    const [source] = await a.service.sources.list();
    await a.service.sources.update({ id: source?.id ?? '', name: 'Northside Clinic' });
    await a.service.hub.exchange();
    // The renamed source is now the newest record in the hub's log, after the patients it owns.
    const late = desk('E');
    await late.service.hub.join({ url: hubUrl, joinCode });
    expect((await syncDesk(late.service)).error).toBeNull();
    expect((await late.service.sources.list()).map((s) => s.name)).toEqual(['Northside Clinic']);
    expect(exported(late.service, 'patients')).toEqual(exported(a.service, 'patients'));
    expect(exported(late.service, 'appointments')).toEqual(exported(a.service, 'appointments'));
  }, 60_000);

  it('the hub holds no patient name, email, phone, birth date, note, API key or remote id', async () => {
    const [b] = desks.slice(1);
    const patientId = b?.service.roster.query({ sort: { field: 'name', dir: 'asc' }, offset: 0, limit: 1 }).rows[0]?.id ?? -1;
    b?.service.roster.addNote(patientId, 'Allergic to latex gloves');
    await b?.service.hub.exchange();

    const dump = await cluster.dump('clinic');
    expect(dump).toMatch(/COPY public\.hub_records/);
    // Sealed payloads and keyed hashes are hex (bytea) and uuids; what is left is the readable text.
    const readable = dump.replace(/\\\\x[0-9a-f]+/g, ' ').replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ' ');
    const secrets = [emulator.apiKey, 'Allergic to latex gloves'];
    for (const p of emulator.control.patients()) {
      secrets.push(`${p.first_name} ${p.last_name}`, p.last_name, p.id);
      if (p.email) secrets.push(p.email);
      if (p.date_of_birth) secrets.push(p.date_of_birth);
      for (const phone of p.patient_phone_numbers) secrets.push(phone.number);
    }
    for (const appointment of emulator.control.appointments()) secrets.push(appointment.id);
    const found = secrets.filter((secret) =>
      new RegExp(`(^|[^0-9A-Za-z])${secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^0-9A-Za-z])`).test(readable),
    );
    expect(found).toEqual([]);
    // The check itself can see: the desk's own cache export does carry them.
    expect(JSON.stringify(exported(desks[0]!.service, 'patients'))).toContain(emulator.control.patients()[0]!.last_name);
  }, 60_000);
});
