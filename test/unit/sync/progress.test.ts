import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProgressTracker, type SyncProgress } from '../../../electron/core/sync/progress';

afterEach(() => vi.useRealTimers());

function tracker(requestsPerMinute: number | null = null) {
  vi.useFakeTimers();
  const events: SyncProgress[] = [];
  const t = new ProgressTracker(
    { runId: 1, source: 'src', phases: ['connect', 'patients', 'appointments_forward', 'reconcile'], requestsPerMinute },
    (p) => events.push(p),
    { now: () => Date.now() },
  );
  return { t, events };
}

describe('sync progress', () => {
  it('emits at most ten updates a second however fast the engine reports', () => {
    const { t, events } = tracker();
    t.startPhase('patients', 10_000);
    const start = events.length;
    for (let i = 1; i <= 10_000; i++) {
      t.advance('patients', i, 10_000, i);
      if (i % 100 === 0) vi.advanceTimersByTime(10); // 1 s of engine work in total
    }
    vi.advanceTimersByTime(200);
    const emitted = events.length - start;
    expect(emitted).toBeGreaterThanOrEqual(9);
    expect(emitted).toBeLessThanOrEqual(12);
    expect(events.at(-1)?.done).toBe(10_000);
  });

  it('reports step n of m and a percentage over the whole run', () => {
    const { t, events } = tracker();
    t.startPhase('patients', 200);
    vi.advanceTimersByTime(1000);
    t.advance('patients', 100, 200, 3);
    vi.advanceTimersByTime(200);
    const last = events.at(-1);
    expect(last).toMatchObject({ phase: 'patients', step: 2, steps: 4, done: 100, total: 200, requests: 3 });
    expect(last?.percent).toBe(37.5);
    // The patients step alone needs 1 s more; the whole run, at the same pace, about 1.7 s.
    expect(last?.etaSeconds).toBe(2);
  });

  it('gives the whole run an ETA, not the current step: a step just ended still leaves the others', () => {
    const { t, events } = tracker();
    t.startPhase('patients', 100);
    vi.advanceTimersByTime(10_000);
    t.advance('patients', 100, 100, 10);
    vi.advanceTimersByTime(200);
    // Half the run took 10 s; the step is done, but two steps remain.
    expect(events.at(-1)).toMatchObject({ percent: 50, etaSeconds: 10 });
  });

  it('counts a rate-limit wait in progress and the limiter rate for the requests still to come', () => {
    const { t, events } = tracker(60);
    t.startPhase('patients', 100);
    vi.advanceTimersByTime(2000);
    t.advance('patients', 50, 100, 20); // 20 requests in 2 s: faster than 60 a minute can last
    vi.advanceTimersByTime(200);
    // 37.5 % done in 2 s: 20 requests so far means about 33 more, 33 s at one a second.
    expect(events.at(-1)?.etaSeconds).toBe(33);
    t.waiting(new Date(Date.now() + 30_000), 20);
    vi.advanceTimersByTime(100);
    expect(events.at(-1)?.etaSeconds).toBe(33 + 30);
  });

  it('says when it is waiting for a rate limit within a tenth of a second', () => {
    const { t, events } = tracker();
    t.startPhase('appointments_forward', null);
    t.waiting(new Date('2026-11-22T10:42:00Z'), 200);
    vi.advanceTimersByTime(100);
    expect(events.at(-1)).toMatchObject({ waitingUntil: '2026-11-22T10:42:00.000Z', requests: 200, percent: 50 });
  });

  it('throttles phase changes too, never losing the latest state, and ends at 100 %', () => {
    const { t, events } = tracker();
    t.startPhase('connect');
    t.startPhase('patients', 10);
    t.startPhase('appointments_forward');
    t.startPhase('reconcile');
    expect(events).toHaveLength(1);
    vi.advanceTimersByTime(100);
    expect(events.at(-1)).toMatchObject({ phase: 'reconcile', step: 4 });
    expect(events).toHaveLength(2);
    t.complete(12);
    t.flush();
    expect(events.at(-1)).toMatchObject({ step: 4, percent: 100, etaSeconds: 0, requests: 12 });
  });

  it("with phases side by side, shows the earliest still running and adds up every phase's share", () => {
    const { t, events } = tracker();
    t.startPhase('connect');
    t.together(['patients', 'appointments_forward']);
    t.startPhase('patients', 200);
    t.startPhase('appointments_forward', 100);
    t.advance('appointments_forward', 100, 100, 4);
    t.advance('patients', 50, 200, 5);
    vi.advanceTimersByTime(100);
    // connect done (1) + patients a quarter + upcoming whole, of 4 phases.
    expect(events.at(-1)).toMatchObject({ phase: 'patients', step: 2, done: 50, total: 200, percent: 56.3 });
    t.finishPhase('patients');
    vi.advanceTimersByTime(100);
    expect(events.at(-1)).toMatchObject({ phase: 'appointments_forward', step: 3, done: 100, percent: 75 });
  });

  it('keeps showing a rate-limit wait while pages sent before it still arrive, until a request follows it', () => {
    const { t, events } = tracker();
    t.together(['patients', 'appointments_forward']);
    t.startPhase('patients', 1000);
    t.startPhase('appointments_forward');
    t.waiting(new Date('2026-11-22T10:42:00Z'), 12);
    t.advance('appointments_forward', 100, null, 12);
    vi.advanceTimersByTime(100);
    expect(events.at(-1)?.waitingUntil).toBe('2026-11-22T10:42:00.000Z');
    t.advance('patients', 100, 1000, 13);
    vi.advanceTimersByTime(100);
    expect(events.at(-1)?.waitingUntil).toBeNull();
  });

  it('shows a wait shorter than the throttle once, even when a request follows it before the next event', () => {
    const { t, events } = tracker();
    t.startPhase('patients', 100);
    const before = events.length;
    // Within a tenth of a second of the last event: the wait, then a request sent after it.
    t.waiting(new Date(Date.now() + 50), 5);
    t.advance('patients', 10, 100, 6);
    vi.advanceTimersByTime(100);
    expect(events.slice(before).map((e) => e.waitingUntil !== null)).toEqual([true]);
    // Shown once; the next request ends it.
    t.advance('patients', 20, 100, 7);
    vi.advanceTimersByTime(100);
    expect(events.at(-1)?.waitingUntil).toBeNull();
  });
});
