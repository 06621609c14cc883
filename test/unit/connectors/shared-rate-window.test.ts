import { describe, expect, it } from 'vitest';
import { GateRegistry } from '../../../electron/core/connectors';
import type { Timing } from '../../../electron/core/connectors/http/timing';
import { MemoryBudgetStore } from './support/memory-budget-store';
import { openTestCache } from '../db/fixtures';

/** A clock that moves only when someone sleeps, shared by both "processes". */
function virtualTiming(): Timing & { elapsed(): number } {
  const start = 1_700_000_000_000;
  let now = start;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
    random: () => 0.5,
    elapsed: () => now - start,
  };
}

const limits = { perMinute: 10, perDay: null, inFlight: 1 };

/** A gate of IntakeQ's for one credential, as one process (one registry) holds it, over the shared cache. */
function gateOf(
  cache: ReturnType<typeof openTestCache>['cache'],
  timing: Timing,
  credentialKey = 'intakeq:abc',
  registry = new GateRegistry(),
) {
  return registry.gateFor({
    service: 'IntakeQ',
    credentialKey,
    origin: 'https://intakeq.test',
    limits,
    timeScale: 1,
    budgetStore: new MemoryBudgetStore(),
    recentRequests: cache.recentRequests,
    timing,
  });
}

describe('the per-minute window shared through the cache', () => {
  it('makes a second process wait for what the first one sent, and only for that', async () => {
    const { cache } = openTestCache();
    const timing = virtualTiming();
    // Two registries stand for two processes: each has its own gates, the cache is what they share.
    const desktop = gateOf(cache, timing, 'intakeq:abc', new GateRegistry());
    const cli = gateOf(cache, timing, 'intakeq:abc', new GateRegistry());

    for (let i = 0; i < 8; i++) (await desktop.admit()).done();
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const slot = await cli.admit();
      slot.done();
      waits.push(slot.waitedMs);
    }

    // Two places were left in the desktop's minute; the third request waits for the window to pass.
    expect(waits.slice(0, 2)).toEqual([0, 0]);
    expect(waits[2]).toBeGreaterThanOrEqual(60_000);
    expect(timing.elapsed()).toBeLessThan(62_000);
  });

  it('leaves another credential alone', async () => {
    const { cache } = openTestCache();
    const timing = virtualTiming();
    const gate = (credentialKey: string) => gateOf(cache, timing, credentialKey);
    const one = gate('intakeq:one');
    for (let i = 0; i < 10; i++) (await one.admit()).done();
    const other = gate('intakeq:two');
    expect((await other.admit()).waitedMs).toBe(0);
  });

  it('is not held back for ever by requests dated in the future (the system clock was set back)', async () => {
    const { cache } = openTestCache();
    const timing = virtualTiming();
    // Another process sent a minute's worth while the clock read a year ahead.
    for (let i = 0; i < 10; i++) cache.recentRequests.sent('intakeq:abc@https://intakeq.test', 'other', timing.now() + 365 * 86_400_000);
    const gate = gateOf(cache, timing);
    const slot = await gate.admit();
    slot.done();
    expect(slot.waitedMs).toBe(0);
  });
});
