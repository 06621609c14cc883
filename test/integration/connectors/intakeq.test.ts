import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectorError } from '../../../electron/core/connectors';
import { GateRegistry } from '../../../electron/core/connectors/http/request-gate';
import { IntakeqConnector } from '../../../electron/core/connectors/intakeq/intakeq-connector';
import { startIntakeqEmulator, type EmulatorOptions, type IntakeqControl, type RunningEmulator } from '../../../electron/emulators';
import { MemoryBudgetStore } from '../../unit/connectors/support/memory-budget-store';
import { TestClock } from '../../support/test-clock';
import { connectTo, pull, repeated, sorted } from './support';

// Limits compressed 600×: IntakeQ's 10 a minute become 10 every 100 ms on both sides.
const TIME_SCALE = 600;
const DAY_MS = 86_400_000;

const running: RunningEmulator<IntakeqControl>[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});
// The emulator's practice and rate limits, and the connector, all on a clock anchored at a fixed date.
let clock: TestClock;
beforeEach(() => {
  clock = new TestClock();
});

async function emulator(options: EmulatorOptions = {}): Promise<RunningEmulator<IntakeqControl>> {
  const started = await startIntakeqEmulator({
    patients: 250,
    seed: 5,
    latencyMs: { min: 0, max: 0 },
    timeScale: TIME_SCALE,
    now: clock.now,
    ...options,
  });
  running.push(started);
  return started;
}

const connector = (emu: RunningEmulator<IntakeqControl>, perDay = 500) =>
  connectTo('intakeq', emu, { now: clock.now, timeScale: TIME_SCALE, rateLimits: { perDay } });

function windowAround(now: number, daysBack: number, daysForward: number) {
  return { from: new Date(now - daysBack * DAY_MS).toISOString(), to: new Date(now + daysForward * DAY_MS).toISOString() };
}

function liveAppointmentsIn(emu: RunningEmulator<IntakeqControl>, window: { from: string; to: string }) {
  const deleted = new Set(emu.control.deletedAppointmentIds());
  const [from, to] = [Date.parse(window.from), Date.parse(window.to)];
  return emu.control.appointments().filter((a) => !deleted.has(a.Id) && a.StartDate >= from && a.StartDate < to);
}

describe('IntakeQ connector against the emulator', () => {
  it('pulls every client exactly once with full profiles, archived ones flagged', async () => {
    const emu = await emulator();
    const { records, errors } = await pull(connector(emu).patients({ updatedSince: null }));
    const deleted = new Set(emu.control.deletedPatientIds());
    const truth = emu.control.patients().filter((p) => !deleted.has(p.ClientId));
    expect(errors).toEqual([]);
    expect(repeated(records.map((r) => r.externalId))).toEqual([]);
    expect(sorted(records.map((r) => r.externalId))).toEqual(sorted(truth.map((p) => String(p.ClientId))));
    expect(records.filter((r) => r.archived).length).toBe(truth.filter((p) => p.Archived).length);
    expect(records.every((r) => r.remoteUpdatedAt !== null && r.lastName !== '')).toBe(true);
  });

  it('pulls every appointment of a window exactly once, cancelled ones included, statuses mapped', async () => {
    const emu = await emulator();
    const window = windowAround(clock.ms(), 45, 45);
    const { records, errors } = await pull(connector(emu).appointments({ ...window, updatedSince: null }));
    const truth = liveAppointmentsIn(emu, window);
    expect(errors).toEqual([]);
    expect(repeated(records.map((r) => r.externalId))).toEqual([]);
    expect(sorted(records.map((r) => r.externalId))).toEqual(sorted(truth.map((a) => a.Id)));
    const canceled = truth.filter((a) => a.Status === 'Canceled').map((a) => a.Id);
    expect(canceled.length).toBeGreaterThan(0);
    expect(sorted(records.filter((r) => r.status === 'cancelled').map((r) => r.externalId))).toEqual(sorted(canceled));
    const byId = new Map(truth.map((a) => [a.Id, a]));
    for (const record of records) {
      const source = byId.get(record.externalId)!;
      expect(record.startsAt).toBe(new Date(source.StartDate).toISOString());
      expect(record.patientExternalId).toBe(String(source.ClientId));
      const info = source.TelehealthInfo;
      // The client's link from the invitation, never the host's StartUrl.
      expect(record.telehealthUrl).toBe(info === null ? null : /https:\/\/\S+/.exec(info.Invitation)![0]);
      expect(record.telehealthUrl).not.toBe(info?.StartUrl);
    }
    expect(records.some((r) => r.telehealthUrl !== null)).toBe(true);
  });

  it('stops before the daily budget is exceeded, says when it resets, and remembers it after a restart', async () => {
    // 250 clients take three pages; two requests are all the day allows.
    const emu = await emulator({ rateLimit: { perDay: 2 } });
    const store = new MemoryBudgetStore();
    const deps = { now: clock.now, timeScale: TIME_SCALE, rateLimits: { perDay: 2 }, budgetStore: store };
    const error = (await pull(connectTo('intakeq', emu, deps).patients({ updatedSince: null })).catch(
      (err: unknown) => err,
    )) as ConnectorError;
    expect(error.kind).toBe('budget_exhausted');
    expect(error.resumeAt!.getTime()).toBeGreaterThan(clock.ms());
    expect(emu.stats().requests).toBe(2);
    expect(emu.stats().rateLimited).toBe(0);
    const afterRestart = connectTo('intakeq', emu, deps);
    await expect(afterRestart.testConnection()).rejects.toMatchObject({ kind: 'budget_exhausted' });
    expect(emu.stats().requests).toBe(2);
  });

  it("reports the server's own daily cap as budget_exhausted when its count ran out first", async () => {
    const emu = await emulator({ rateLimit: { perDay: 2 } });
    const store = new MemoryBudgetStore();
    const error = (await pull(
      connectTo('intakeq', emu, { now: clock.now, timeScale: TIME_SCALE, budgetStore: store }).patients({ updatedSince: null }),
    ).catch((err: unknown) => err)) as ConnectorError;
    expect(error.kind).toBe('budget_exhausted');
    expect(store.writes.at(-1)!.used).toBe(500);
  });

  it('lists deleted appointments and finds single ones, missing ones as null', async () => {
    const emu = await emulator();
    const [first, second] = emu.control.appointments().filter((a) => !emu.control.deletedAppointmentIds().includes(a.Id));
    emu.control.deleteAppointment(first!.Id);
    const conn = connector(emu);
    const { records } = await pull(conn.deletedAppointments!({ since: new Date(clock.ms() - 864e5).toISOString() }));
    expect(records.map((r) => r.externalId)).toContain(first!.Id);
    expect(await conn.appointmentDetail!(second!.Id)).toMatchObject({
      externalId: second!.Id,
      startsAt: new Date(second!.StartDate).toISOString(),
    });
    expect(await conn.appointmentDetail!('ffffffffffffffffffffffff')).toBeNull();
  });

  it('finds clients by id for discovery', async () => {
    const emu = await emulator();
    const ids = emu.control
      .patients()
      .slice(0, 3)
      .map((p) => String(p.ClientId));
    const page = await connector(emu).patientsByExternalIds!(ids);
    expect(sorted(page.records.map((r) => r.externalId))).toEqual(
      sorted(ids.filter((id) => !emu.control.deletedPatientIds().includes(Number(id)))),
    );
  });

  it('retries server errors and malformed pages, counts malformed records, and loses nothing else', async () => {
    const emu = await emulator({ seed: 9, faults: { serverErrorRate: 0.15, malformedPageRate: 0.15, malformedRecordRate: 0.03 } });
    const conn = connector(emu);
    const { records, errors } = await pull(conn.patients({ updatedSince: null }));
    const deleted = new Set(emu.control.deletedPatientIds());
    const truth = emu.control.patients().filter((p) => !deleted.has(p.ClientId));
    expect(errors.length).toBeGreaterThan(0);
    expect(sorted([...records.map((r) => r.externalId), ...errors.map((e) => e.externalId!)])).toEqual(
      sorted(truth.map((p) => String(p.ClientId))),
    );
    expect(conn.stats().retries).toBeGreaterThan(0);
  });

  it('reads the booking settings: services, locations and bookable practitioners', async () => {
    const emu = await emulator();
    const deps = { budgetStore: new MemoryBudgetStore(), gates: new GateRegistry(), timeScale: TIME_SCALE, now: clock.now };
    const settings = await new IntakeqConnector('src', emu.apiKey, emu.url, deps).bookingSettings();
    const truth = emu.control.settings();
    expect(settings.errors).toEqual([]);
    expect(settings.services).toEqual(truth.Services.map((s) => ({ id: s.Id, name: s.Name })));
    expect(settings.locations).toEqual(truth.Locations.map((l) => ({ id: String(l.Id), name: l.Name })));
    expect(settings.practitioners.map((p) => p.externalId)).toEqual(truth.Practitioners.map((p) => p.Id));
  });

  it('rejects a wrong key with credentials_invalid', async () => {
    const emu = await emulator();
    const error = (await connectTo('intakeq', { url: emu.url, apiKey: 'wrong' }, { now: clock.now, timeScale: TIME_SCALE })
      .testConnection()
      .catch((err: unknown) => err)) as ConnectorError;
    expect(error.kind).toBe('credentials_invalid');
    expect(error.message).toBe('IntakeQ rejected the API key. Check it in Settings → Sources.');
  });
});
