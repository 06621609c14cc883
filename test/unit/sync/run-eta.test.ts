import { describe, expect, it } from 'vitest';
import { EtaSmoother, runSecondsLeft, type RunEtaInput } from '../../../electron/core/sync/run-eta';

const at = (patch: Partial<RunEtaInput>): RunEtaInput => ({
  elapsedMs: 10_000,
  percent: 50,
  requests: 10,
  requestsPerMinute: null,
  waitLeftMs: 0,
  stepLeftMs: null,
  ...patch,
});

describe('the whole-run ETA', () => {
  it('extends the pace of what is done over what is left', () => {
    expect(runSecondsLeft(at({ percent: 25 }))).toBe(30);
    expect(runSecondsLeft(at({ percent: 100 }))).toBe(0);
  });

  it('is unknown before anything is done, except for a wait already announced', () => {
    expect(runSecondsLeft(at({ percent: 0 }))).toBeNull();
    expect(runSecondsLeft(at({ elapsedMs: 200, percent: 20 }))).toBeNull();
    expect(runSecondsLeft(at({ percent: 0, waitLeftMs: 29_100 }))).toBe(30);
  });

  it('never promises more requests than the limiter lets through', () => {
    // 300 requests in 10 s for half the run: 300 more at 100 a minute take 3 minutes, not 10 s.
    expect(runSecondsLeft(at({ requests: 300, requestsPerMinute: 100 }))).toBe(180);
    expect(runSecondsLeft(at({ requests: 5, requestsPerMinute: 100 }))).toBe(10);
  });

  it('adds a rate-limit wait in progress and never ends before the current step', () => {
    expect(runSecondsLeft(at({ waitLeftMs: 30_000 }))).toBe(40);
    expect(runSecondsLeft(at({ stepLeftMs: 25_000 }))).toBe(25);
  });
});

describe('the ETA staff read', () => {
  it('counts down between estimates and moves toward a new one over a few seconds instead of jumping', () => {
    const eta = new EtaSmoother();
    expect(eta.next(60, 0, 0)).toBe(60);
    // One second later a step boundary halves the raw estimate: the ETA eases toward it.
    expect(eta.next(30, 0, 1000)).toBe(53); // 59 counted down, pulled a fifth of the way to 30
    expect(eta.next(30, 0, 6000)).toBe(30); // five seconds on, the new estimate has won
  });

  it('adds a rate-limit wait as it is, and the rest of the run does not count down while waiting', () => {
    const eta = new EtaSmoother();
    expect(eta.next(20, 0, 0)).toBe(20);
    expect(eta.next(50, 30_000, 100)).toBe(50);
    expect(eta.next(45, 25_000, 5100)).toBe(45);
    expect(eta.next(null, 0, 5200)).toBeNull();
    expect(eta.next(12, 0, 5300)).toBe(12);
  });
});
