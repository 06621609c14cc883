import { afterEach, describe, expect, it } from 'vitest';
import { closeEnvs, createEnv, runSync } from './support/harness';
import { closeUpstreams, startUpstream } from './support/upstream';

afterEach(async () => {
  closeEnvs();
  await closeUpstreams();
});

describe.each(['cliniko', 'intakeq'] as const)('%s: live progress', (kind) => {
  it('arrives at most ten times a second, in order, and ends at 100 % with the requests used', async () => {
    // About 40 requests of 20 ms each, one at a time: a run long enough for the throttle to matter.
    const upstream = await startUpstream(kind, { patients: 1000, latencyMs: { min: 20, max: 20 } });
    const env = createEnv(upstream);
    const run = await runSync(env, { mode: 'full', connector: { rateLimits: { inFlight: 1 } } });
    expect(run.status).toBe('completed');
    const events = env.events.progress;
    expect(events.length).toBeGreaterThan(5);

    const gaps = events.slice(1).map((e, i) => e.receivedAt - events[i]!.receivedAt);
    // The final event (the run's end) may follow the one before it at once; no other does.
    expect(gaps.slice(0, -1).filter((gap) => gap < 95)).toEqual([]);
    for (const [i, e] of events.entries()) {
      expect(
        events.filter((other) => other.receivedAt >= e.receivedAt && other.receivedAt < e.receivedAt + 1000).length,
        `events in the second after #${i}`,
      ).toBeLessThanOrEqual(11);
    }
    for (const [i, e] of events.slice(1).entries()) {
      expect(e.step).toBeGreaterThanOrEqual(events[i]!.step);
      expect(e.percent ?? 0).toBeGreaterThanOrEqual(events[i]!.percent ?? 0);
      expect(e.requests).toBeGreaterThanOrEqual(events[i]!.requests);
    }
    expect(events.every((e) => e.runId === run.id && e.source === env.source.id && e.steps === 7)).toBe(true);
    expect(events.some((e) => e.phase === 'patients' && e.done > 0 && e.done < 1000)).toBe(true);
    if (kind === 'cliniko') expect(events.some((e) => e.phase === 'patients' && e.total === 1000 && e.etaSeconds !== null)).toBe(true);
    expect(events.at(-1)).toMatchObject({ percent: 100, etaSeconds: 0, requests: run.apiRequests, waitingUntil: null });
  });
});

describe('waiting for a rate limit', () => {
  it('shows in the progress and in the run record, and the pacing draws no 429', async () => {
    // Six requests a (compressed) minute on both sides: the limiter must hold the run back.
    const upstream = await startUpstream('cliniko', { patients: 60, rateLimit: { perMinute: 6 } });
    const env = createEnv(upstream);
    const run = await runSync(env, { mode: 'full', connector: { rateLimits: { perMinute: 6 } } });
    expect(run.status).toBe('completed');
    expect(run.rateLimitWaitMs).toBeGreaterThan(500);
    expect(upstream.stats().rateLimited).toBe(0);
    const waiting = env.events.progress.filter((e) => e.waitingUntil !== null);
    expect(waiting.length).toBeGreaterThan(0);
    for (const e of waiting) expect(Date.parse(e.waitingUntil!)).toBeGreaterThan(Date.parse(run.startedAt));
  });
});
