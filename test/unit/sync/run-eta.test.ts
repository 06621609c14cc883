import { describe, expect, it } from 'vitest';
import { runSecondsLeft, type RunEtaInput } from '../../../electron/core/sync/run-eta';

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
