import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectorError } from '../../../electron/core/connectors';
import { startClinikoEmulator, type ClinikoControl, type EmulatorOptions, type RunningEmulator } from '../../../electron/emulators';
import { TestClock } from '../../support/test-clock';
import { connectTo, pull, repeated, sorted } from './support';

// Limits compressed 60×: Cliniko's 200 a minute become 200 a second on both sides.
const TIME_SCALE = 60;
const DAY_MS = 86_400_000;

const running: RunningEmulator<ClinikoControl>[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});
// The emulator's practice and rate limits, and the connector, all on a clock anchored at a fixed date.
let clock: TestClock;
beforeEach(() => {
  clock = new TestClock();
});

async function emulator(options: EmulatorOptions = {}): Promise<RunningEmulator<ClinikoControl>> {
  const started = await startClinikoEmulator({
    patients: 250,
    seed: 7,
    latencyMs: { min: 0, max: 0 },
    timeScale: TIME_SCALE,
    now: clock.now,
    ...options,
  });
  running.push(started);
  return started;
}

const connector = (emu: RunningEmulator<ClinikoControl>) => connectTo('cliniko', emu, { now: clock.now, timeScale: TIME_SCALE });

function windowAround(now: number, daysBack: number, daysForward: number) {
  return { from: new Date(now - daysBack * DAY_MS).toISOString(), to: new Date(now + daysForward * DAY_MS).toISOString() };
}

/** Ground truth: the listed (not hard-deleted) appointments starting in the window. */
function appointmentsIn(emu: RunningEmulator<ClinikoControl>, window: { from: string; to: string }) {
  return emu.control
    .appointments()
    .filter((a) => a.deleted_at === null && a.starts_at >= window.from.slice(0, 19) && a.starts_at < window.to.slice(0, 19));
}

describe('Cliniko connector against the emulator', () => {
  it('pulls every patient exactly once, archived ones included, with ids exact and the total reported', async () => {
    const emu = await emulator();
    const { records, errors, pages } = await pull(connector(emu).patients({ updatedSince: null }));
    const truth = emu.control.patients().filter((p) => p.deleted_at === null);
    expect(errors).toEqual([]);
    expect(repeated(records.map((r) => r.externalId))).toEqual([]);
    expect(sorted(records.map((r) => r.externalId))).toEqual(sorted(truth.map((p) => p.id)));
    expect(pages[0]!.totalEntries).toBe(truth.length);
    // 64-bit ids beyond what a double holds survive as the same digits.
    expect(truth.some((p) => BigInt(p.id) > BigInt(Number.MAX_SAFE_INTEGER))).toBe(true);
    const archived = truth.filter((p) => p.archived_at !== null).map((p) => p.id);
    expect(archived.length).toBeGreaterThan(0);
    expect(sorted(records.filter((r) => r.archived).map((r) => r.externalId))).toEqual(sorted(archived));
  });

  it('pulls every appointment in a window exactly once, with the cancelled and archived ones Cliniko hides', async () => {
    const emu = await emulator();
    const window = windowAround(clock.ms(), 60, 60);
    const { records, errors } = await pull(connector(emu).appointments({ ...window, updatedSince: null }));
    const truth = appointmentsIn(emu, window);
    expect(errors).toEqual([]);
    expect(repeated(records.map((r) => r.externalId))).toEqual([]);
    expect(sorted(records.map((r) => r.externalId))).toEqual(sorted(truth.map((a) => a.id)));
    const cancelled = truth.filter((a) => a.cancelled_at !== null).map((a) => a.id);
    expect(cancelled.length).toBeGreaterThan(0);
    expect(sorted(records.filter((r) => r.status === 'cancelled').map((r) => r.externalId))).toEqual(sorted(cancelled));
    expect(records.filter((r) => r.deleted).length).toBe(truth.filter((a) => a.archived_at !== null).length);
    expect(records.every((r) => r.patientExternalId !== null && r.practitionerName !== null && r.serviceName !== null)).toBe(true);
  });

  it('keeps telehealth links only for telehealth appointment types', async () => {
    const emu = await emulator();
    const window = windowAround(clock.ms(), 60, 60);
    const { records } = await pull(connector(emu).appointments({ ...window, updatedSince: null }));
    const telehealthTypes = new Set(
      emu.control
        .appointmentTypes()
        .filter((t) => t.telehealth_enabled === true)
        .map((t) => t.id),
    );
    const truth = new Map(appointmentsIn(emu, window).map((a) => [a.id, a]));
    for (const record of records) {
      const typeId = truth.get(record.externalId)!.appointment_type.links.self.split('/').pop()!;
      expect(record.telehealthUrl !== null).toBe(telehealthTypes.has(typeId));
    }
    expect(records.some((r) => r.telehealthUrl !== null)).toBe(true);
  });

  it('returns only what changed since the cursor', async () => {
    const emu = await emulator();
    const edited = emu.control.patients().find((p) => p.deleted_at === null)!;
    emu.control.editPatient(edited.id, { notes: 'moved house' });
    const since = new Date(Date.parse(emu.control.patient(edited.id).updated_at) - 1000).toISOString();
    const { records } = await pull(connector(emu).patients({ updatedSince: since }));
    expect(records.map((r) => r.externalId)).toContain(edited.id);
    expect(records.length).toBeLessThan(emu.control.patients().length);
  });

  it('still returns every record exactly once while records change between pages', async () => {
    const emu = await emulator({ faults: { mutateBetweenPages: 5 } });
    const { records } = await pull(connector(emu).patients({ updatedSince: null }));
    const truth = emu.control.patients().filter((p) => p.deleted_at === null);
    expect(repeated(records.map((r) => r.externalId))).toEqual([]);
    expect(sorted(records.map((r) => r.externalId))).toEqual(sorted(truth.map((p) => p.id)));
  });

  it('waits out 429s and retries server errors and malformed pages without losing a record', async () => {
    const emu = await emulator({ seed: 11, faults: { rateLimitStorm: { everyN: 4 }, serverErrorRate: 0.15, malformedPageRate: 0.15 } });
    const conn = connector(emu);
    const { records, errors } = await pull(conn.patients({ updatedSince: null }));
    expect(errors).toEqual([]);
    expect(sorted(records.map((r) => r.externalId))).toEqual(
      sorted(
        emu.control
          .patients()
          .filter((p) => p.deleted_at === null)
          .map((p) => p.id),
      ),
    );
    expect(emu.stats().rateLimited).toBeGreaterThan(0);
    expect(conn.stats().retries).toBeGreaterThan(0);
    expect(conn.stats().rateLimitWaitMs).toBeGreaterThan(0);
    expect(conn.stats().requests).toBe(emu.stats().requests);
  });

  it('counts malformed records as record errors without patient data and keeps the rest', async () => {
    const emu = await emulator({ faults: { malformedRecordRate: 0.05 } });
    const { records, errors } = await pull(connector(emu).patients({ updatedSince: null }));
    const truth = emu.control.patients().filter((p) => p.deleted_at === null);
    expect(errors.length).toBeGreaterThan(0);
    expect(records.length + errors.length).toBe(truth.length);
    const names = truth.flatMap((p) => [p.first_name, p.last_name]);
    for (const error of errors) {
      expect(error.message).toContain('date_of_birth');
      expect(names.some((name) => error.message.includes(name))).toBe(false);
    }
  });

  it('rejects a wrong key with credentials_invalid after one request', async () => {
    const emu = await emulator();
    const conn = connectTo('cliniko', { url: emu.url, apiKey: 'MS0wrongkey-au1' }, { now: clock.now, timeScale: TIME_SCALE });
    const error = (await conn.testConnection().catch((err: unknown) => err)) as ConnectorError;
    expect(error.kind).toBe('credentials_invalid');
    expect(error.message).toBe('Cliniko rejected the API key. Check it in Settings → Sources.');
    expect(emu.stats().requests).toBe(1);
  });

  it('tests the connection: the user, their role, the shard', async () => {
    const emu = await emulator();
    const info = await connector(emu).testConnection();
    expect(info.userName).toMatch(/\S/);
    expect(info.role).toMatch(/\S/);
    expect(info.region).toBe('au1');
  });

  it('paces a long pull under the limit so the server never answers 429', async () => {
    // Three requests a (scaled, 500 ms) minute: a pull of a dozen requests must spread over four windows.
    const emu = await emulator({ rateLimit: { perMinute: 3 }, timeScale: 120 });
    const conn = connectTo('cliniko', emu, { now: clock.now, timeScale: 120, rateLimits: { perMinute: 3 } });
    const started = clock.ms();
    await pull(conn.patients({ updatedSince: null }));
    await pull(conn.appointments({ ...windowAround(clock.ms(), 90, 90), updatedSince: null }));
    const requests = emu.stats().requests;
    expect(requests).toBeGreaterThan(9);
    expect(emu.stats().rateLimited).toBe(0);
    expect(clock.ms() - started).toBeGreaterThanOrEqual(Math.floor((requests - 1) / 3) * 500);
    expect(conn.stats().rateLimitWaitMs).toBeGreaterThan(0);
  });
});
