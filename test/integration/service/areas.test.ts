import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClinikoEmulator, type ClinikoControl, type RunningEmulator } from '../../../electron/emulators';
import { TestClock } from '../../support/test-clock';
import { openTestService, type TestService } from '../../support/test-service';

// The emulated practice and the service on one clock, anchored at a fixed date.
const clock = new TestClock();

let emulator: RunningEmulator<ClinikoControl>;
let t: TestService;

async function sync() {
  const start = await t.service.sync.start({ mode: 'incremental', trigger: 'manual' });
  return (await start.done)[0];
}

beforeAll(async () => {
  emulator = await startClinikoEmulator({ patients: 60, latencyMs: { min: 0, max: 0 }, now: clock.now });
  t = openTestService({ now: clock.now });
  await t.service.sources.add({ kind: 'cliniko', name: 'Northside', apiKey: emulator.apiKey, baseUrl: emulator.url });
  await sync();
}, 60_000);

afterAll(async () => {
  await t.dispose();
  await emulator.close();
});

const byName = { sort: { field: 'name' as const, dir: 'asc' as const }, offset: 0, limit: 500 };

describe('the service areas staff use every day', () => {
  it("counts a source's initial load on its run instead of listing every appointment as a change", () => {
    const since = '2000-01-01T00:00:00.000Z';
    expect(t.service.history.changes({ since, limit: 10, offset: 0 }).total).toBe(0);
    expect(t.service.history.changes({ since, includeInitialLoad: true, limit: 10, offset: 0 }).total).toBe(0);
    const [first] = t.service.history.runs({ limit: 1, offset: 0 }).rows;
    const cache = t.openCache();
    const cached = cache.db.prepare('SELECT count(*) FROM appointments').pluck().get();
    cache.close();
    expect(first?.counts.appointmentsNew).toBeGreaterThan(0);
    expect(first?.counts.appointmentsNew).toBe(cached);
  });

  it('lists what changed since the last sync, with the patient it concerns', async () => {
    const upcoming = emulator.control
      .appointments()
      .find((a) => a.cancelled_at === null && a.deleted_at === null && Date.parse(a.starts_at) > clock.ms() + 86_400_000);
    expect(upcoming).toBeDefined();
    const moved = new Date(Date.parse(upcoming?.starts_at as string) + 3_600_000).toISOString();
    emulator.control.reschedule(upcoming?.id as string, moved);
    const run = await sync();
    expect(run?.status).toBe('completed');

    const changes = t.service.history.changes({ limit: 100, offset: 0 });
    expect(changes.since).toBe(run?.startedAt);
    const change = changes.rows.find((row) => row.appointmentExternalId === upcoming?.id);
    expect(change).toMatchObject({
      kind: 'rescheduled',
      sourceName: 'Northside',
      patientName: expect.any(String),
      patientId: expect.any(Number),
    });
    expect(Date.parse(change?.after?.startsAt as string)).toBe(Date.parse(moved));
  });

  it('keeps notes and organizations of a patient, and shows them in the patient detail', () => {
    const patient = t.service.roster.query(byName).rows[0];
    expect(patient).toBeDefined();
    const org = t.service.roster.createOrganization('Riverside School');
    t.service.roster.setOrganizations(patient?.id as number, [org.id]);
    const note = t.service.roster.addNote(patient?.id as number, 'Needs a ride on Tuesdays.');
    const detail = t.service.roster.detail(patient?.id as number);
    expect(detail.notes.map((n) => n.body)).toEqual(['Needs a ride on Tuesdays.']);
    expect(detail.organizations.map((o) => o.name)).toEqual(['Riverside School']);
    expect(detail.sourceName).toBe('Northside');
    expect([...detail.past, ...detail.upcoming].every((a) => a.patientExternalId === patient?.externalId)).toBe(true);
    expect(t.service.roster.query({ ...byName, organizationId: org.id }).total).toBe(1);
    t.service.roster.removeNote(note.id);
    expect(t.service.roster.detail(patient?.id as number).notes).toEqual([]);
    expect(() => t.service.roster.setOrganizations(patient?.id as number, [99_999])).toThrow(/no organization/);
  });

  it('exports the history as CSV and summarises its health', () => {
    const csv = t.service.history.runsCsv();
    expect(csv.fileName).toMatch(/^clinicsync-sync-history-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = csv.content.trim().split('\r\n');
    expect(lines[0]?.startsWith('id,source,sourceName,trigger,mode,status,startedAt')).toBe(true);
    expect(lines[1]).toMatch(/^\d+,[^,]+,Northside,/);
    expect(lines).toHaveLength(1 + t.service.history.runs({ limit: 500, offset: 0 }).total);
    expect(t.service.history.stats()).toMatchObject({ failed: 0, successRate7d: 1, lastSuccessAt: expect.any(String) });
  });

  it('rejects invalid settings field by field and keeps the stored ones', () => {
    const before = t.service.settings.get();
    let error: unknown;
    try {
      t.service.settings.update({ sync: { daysBack: 0 }, schedule: { nightly: { time: '25:00' } } });
    } catch (err) {
      error = err;
    }
    expect(error).toMatchObject({
      code: 'invalid_settings',
      details: {
        fields: expect.arrayContaining([expect.objectContaining({ field: 'sync.daysBack', message: 'Days back must be at least 1 day.' })]),
      },
    });
    expect(t.service.settings.get()).toEqual(before);
  });

  it('pauses and resumes the schedule', () => {
    expect(t.service.schedule.setPaused(true)).toMatchObject({ paused: true, active: false, nextRunAt: null });
    expect(t.service.settings.get().schedule.enabled).toBe(false);
    const resumed = t.service.schedule.setPaused(false);
    expect(resumed).toMatchObject({ paused: false, active: true, nextRunAt: expect.any(String) });
    expect(resumed.lastRun?.status).toBe('completed');
  });
});
