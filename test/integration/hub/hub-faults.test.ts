import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHeadlessService } from '../../../electron/core/app/headless';
import { HUB_OUTAGE_GRACE_MS, planClinicSync } from '../../../electron/core/hub/clinic-sync';
import { HUB_MIGRATIONS } from '../../../electron/core/hub/hub-schema';
import type { SecretStore } from '../../../electron/core/secrets/secret-store';
import type { AppService } from '../../../electron/core/service';
import { startClinikoEmulator, type ClinikoControl, type RunningEmulator } from '../../../electron/emulators';
import { openTestService, type TestService } from '../../support/test-service';
import { exported, syncDesk } from './desks';
import { startPgCluster, type PgCluster } from './pg-cluster';
import { TestClock } from '../../support/test-clock';

let cluster: PgCluster;
let emulator: RunningEmulator<ClinikoControl>;
// The emulated practice and both desks on one clock, anchored at a fixed date.
const clock = new TestClock();
/** How long the hub is down in the outage test (the 30 s, in real time). */
const OUTAGE_MS = 30_000;
let url: string;
const opened: TestService[] = [];
let a: TestService;
let b: TestService;
let joinCode: string;

beforeAll(async () => {
  cluster = await startPgCluster();
  emulator = await startClinikoEmulator({ patients: 60, latencyMs: { min: 1, max: 2 }, now: clock.now });
  url = await cluster.createDatabase('clinic');
  a = desk();
  b = desk();
  await a.service.sources.add({ kind: 'cliniko', name: 'Northside', apiKey: emulator.apiKey, baseUrl: emulator.url });
  ({ joinCode } = await a.service.hub.init({ url }));
  await b.service.hub.join({ url, joinCode });
  await syncDesk(a.service);
  await syncDesk(b.service);
}, 120_000);
afterAll(async () => {
  for (const d of opened) await d.dispose();
  await emulator.close();
  await cluster.destroy();
}, 60_000);

function desk(): TestService {
  const d = openTestService({ now: clock.now });
  opened.push(d);
  return d;
}

const hubQuery = <T extends pg.QueryResultRow>(sql: string): Promise<T[]> => cluster.query<T>('clinic', sql);

/** Something changed upstream: a patient renamed and an upcoming appointment cancelled. */
function changeUpstream(): void {
  const patient = emulator.control.patients().find((p) => p.deleted_at === null && p.archived_at === null);
  const appointment = emulator.control.appointments().find((x) => x.cancelled_at === null && Date.parse(x.starts_at) > clock.ms());
  if (!patient || !appointment) throw new Error('the emulated practice has nothing to change');
  emulator.control.editPatient(String(patient.id), { first_name: `${patient.first_name}-renamed` });
  emulator.control.cancel(String(appointment.id));
}

const sameExports = (x: AppService, y: AppService) => {
  expect(exported(y, 'patients')).toEqual(exported(x, 'patients'));
  expect(exported(y, 'appointments')).toEqual(exported(x, 'appointments'));
};

describe('the clinic hub under faults', () => {
  it('hub down for 30 s while A syncs and B writes a note: both keep working, and everything converges after the restart', async () => {
    const [source] = await a.service.sources.list();
    await cluster.stop();
    const stoppedAt = performance.now();
    changeUpstream();

    // A scheduled sync right after the hub went away waits for the lease holder (the grace, on the
    // test clock) ...
    const waiting = await a.service.clinicSync.start({ mode: 'incremental', trigger: 'scheduled' });
    expect(waiting.started).toEqual([]);
    expect(await waiting.done).toEqual([]);
    // ... while a manual one (someone asked for fresh data) pulls from the API at once.
    const during = await syncDesk(a.service);
    expect(during.runs.map((r) => r.status)).toEqual(['completed']);
    expect(during.error).toMatch(/cannot be reached/);
    const queued = a.service.hub.state.outboxStats().count;
    expect(queued).toBeGreaterThan(0);

    const patientId = b.service.roster.query({ sort: { field: 'name', dir: 'asc' }, offset: 0, limit: 1 }).rows[0]?.id ?? -1;
    b.service.roster.addNote(patientId, 'Call before the visit');
    await expect(b.service.hub.exchange()).rejects.toMatchObject({ code: 'hub_unreachable' });
    const down = await b.service.hub.status();
    expect(down, JSON.stringify(down)).toMatchObject({ joined: true, connected: false, outbox: { count: 1 } });

    // The hub has been unreachable past the grace (the test clock moves 15 minutes on): a scheduled
    // sync of A now pulls from the API itself.
    clock.advance(HUB_OUTAGE_GRACE_MS);
    changeUpstream();
    const pulled = await a.service.clinicSync.start({ mode: 'incremental', trigger: 'scheduled' });
    expect(pulled.started.map((s) => s.source)).toEqual([source?.id]);
    expect((await pulled.done).map((r) => r.status)).toEqual(['completed']);
    expect(a.service.hub.state.outboxStats().count).toBeGreaterThan(queued);

    // The outage lasts 30 s in all (real time: the desks' pools and the LISTEN session see a dead server).
    const left = OUTAGE_MS - (performance.now() - stoppedAt);
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
    await cluster.start();

    await a.service.hub.exchange();
    await b.service.hub.exchange();
    await a.service.hub.exchange();
    sameExports(a.service, b.service);
    expect(a.service.hub.state.outboxStats().count).toBe(0);
    expect(b.service.hub.state.outboxStats().count).toBe(0);
    const notesOnA = a.service.roster.detail(
      a.service.roster.query({ sort: { field: 'name', dir: 'asc' }, offset: 0, limit: 1 }).rows[0]?.id ?? -1,
    ).notes;
    expect(notesOnA.map((n) => n.body)).toEqual(['Call before the visit']);
  }, 120_000);

  it('one desk pulls a source at a time; a lease whose holder went silent is taken over', async () => {
    const [source] = await b.service.sources.list();
    await b.service.sources.update({ id: source?.id ?? '', apiKey: emulator.apiKey });
    const holding = await a.service.hub.planSync(undefined, () => undefined);
    expect(holding.pull).toEqual([source?.id]);
    const waiting = await b.service.hub.planSync(undefined, () => undefined);
    expect(waiting.pull).toEqual([]);
    expect(waiting.fromHub[0]?.reason).toMatch(/^the desk .* is pulling it$/);
    await waiting.finish();

    // A went silent (killed, asleep): its lease runs out and B takes over.
    await hubQuery("UPDATE hub_leases SET expires_at = now() - interval '1 second'");
    const takeover = await b.service.hub.planSync(undefined, () => undefined);
    expect(takeover.pull).toEqual([source?.id]);
    await takeover.finish();
    await holding.finish();
  }, 60_000);

  it('a scheduled sync cut off from the hub waits 15 minutes for the lease holder before pulling itself', async () => {
    await syncDesk(b.service);
    const session = await b.service.hub.session();
    const withKey: SecretStore = {
      description: 'test',
      get: () => Promise.resolve('a key'),
      set: () => Promise.resolve(),
      delete: () => Promise.resolve(),
    };
    const sources = session.deps.cache.sources.list();
    const lastContact = Date.parse(session.deps.state.membership().lastContactAt ?? '');
    // A desk that follows Northside without its API key (B may hold one by now).
    const follower = desk();
    await follower.service.hub.join({ url, joinCode });
    await syncDesk(follower.service);
    await cluster.stop();
    try {
      const soon = await planClinicSync(session, withKey, sources, () => undefined, {
        graceMs: HUB_OUTAGE_GRACE_MS,
        now: () => new Date(lastContact + 60_000),
      });
      expect(soon.pull).toEqual([]);
      expect(soon.offline).toMatch(/cannot be reached.*pulls from the API itself if the hub is still unreachable in 14 min/);
      const later = await planClinicSync(session, withKey, sources, () => undefined, {
        graceMs: HUB_OUTAGE_GRACE_MS,
        now: () => new Date(lastContact + HUB_OUTAGE_GRACE_MS + 1),
      });
      expect(later.pull).toEqual(sources.map((s) => s.id));
      expect(later.offline).toMatch(/Syncing from the API on this desk/);

      // "Update from hub" on a desk without the API key: it says the hub cannot be reached, and promises no pull.
      const update = await follower.service.clinicSync.start({ mode: 'incremental', trigger: 'manual' });
      expect(update).toMatchObject({ started: [], fromHub: [] });
      expect(update.refused).toEqual([
        { source: sources[0]?.id, code: 'hub_unreachable', message: expect.stringMatching(/cannot be reached/) },
      ]);
      expect(update.refused[0]?.message).not.toMatch(/API/);
    } finally {
      await cluster.start();
    }
  }, 60_000);

  it('refuses a hub set up by a newer ClinicSync, and one whose schema differs, without changing it', async () => {
    await hubQuery("INSERT INTO hub_migrations (version, name, checksum) VALUES (2, 'from_the_future', 'x')");
    const late = desk();
    await expect(late.service.hub.join({ url, joinCode })).rejects.toMatchObject({ code: 'hub_newer_than_desk' });
    expect((await b.service.hub.status()).error).toMatch(/newer version of ClinicSync/);
    await hubQuery('DELETE FROM hub_migrations WHERE version = 2');

    await hubQuery("UPDATE hub_migrations SET checksum = 'tampered' WHERE version = 1");
    await expect(late.service.hub.join({ url, joinCode })).rejects.toMatchObject({ code: 'hub_schema_mismatch' });
    expect(late.service.hub.joined()).toBe(false);
    await hubQuery(`UPDATE hub_migrations SET checksum = '${HUB_MIGRATIONS[0]?.checksum}' WHERE version = 1`);
  }, 60_000);
  it('A dies mid-publish (before or after the hub commits): a later sync sends everything once, and B converges', async () => {
    changeUpstream();
    // The sync's pages are committed locally, each with its outbox rows; then publishing starts.
    const [run] = await (await a.service.sync.start({ mode: 'incremental', trigger: 'manual' })).done;
    expect(run?.status).toBe('completed');
    const session = await a.service.hub.session();
    const state = session.deps.state;
    // Dies inside the publishing transaction: the hub rolls it back.
    const outboxAfter = state.outboxAfter.bind(state);
    state.outboxAfter = () => {
      throw new Error('killed while publishing');
    };
    await expect(session.publish()).rejects.toThrow('killed while publishing');
    state.outboxAfter = outboxAfter;
    const queued = state.outboxStats().count;
    expect(queued).toBeGreaterThan(0);

    // Dies after the hub committed, before the desk noted it: the outbox is still full locally.
    const seqBefore = Number((await hubQuery<{ last_seq: string }>('SELECT last_seq FROM hub_sequence'))[0]?.last_seq);
    const drop = state.dropOutboxUpTo.bind(state);
    let calls = 0;
    state.dropOutboxUpTo = (id) => {
      calls += 1;
      if (calls === 2) throw new Error('killed after the hub committed');
      drop(id);
    };
    await expect(session.publish()).rejects.toThrow('killed after the hub committed');
    state.dropOutboxUpTo = drop;
    expect(state.outboxStats().count).toBe(queued);
    const seqAfterCrash = Number((await hubQuery<{ last_seq: string }>('SELECT last_seq FROM hub_sequence'))[0]?.last_seq);
    expect(seqAfterCrash).toBeGreaterThan(seqBefore);

    // A restarts (a new process on the same data folder) and syncs: nothing is published twice.
    await a.service.close();
    const restarted = openHeadlessService({ name: 'ClinicSync', version: '1.2.3', dataDir: a.dataDir, keyDir: a.keyDir, env: a.env });
    try {
      // The hub already has the batch: the restarted desk sends nothing again, and forgets its outbox.
      expect((await restarted.hub.exchange()).published).toBe(0);
      expect(restarted.hub.state.outboxStats().count).toBe(0);
      expect(Number((await hubQuery<{ last_seq: string }>('SELECT last_seq FROM hub_sequence'))[0]?.last_seq)).toBe(seqAfterCrash);
      // And a later sync converges as usual.
      changeUpstream();
      expect((await syncDesk(restarted)).error).toBeNull();

      await b.service.hub.exchange();
      sameExports(restarted, b.service);
      const changesOn = (service: AppService) =>
        service.history
          .changes({ limit: 1000, offset: 0, includeInitialLoad: false })
          .rows.map((c) => `${c.appointmentExternalId} ${c.kind}`);
      expect(new Set(changesOn(b.service)).size).toBe(changesOn(b.service).length);
    } finally {
      await restarted.close();
    }
  }, 60_000);
});
