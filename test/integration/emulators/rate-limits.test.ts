import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startClinikoEmulator, startIntakeqEmulator, type RunningEmulator } from '../../../electron/emulators';
import { TestClock } from '../../support/test-clock';
import { clinikoHeaders, FIXED_NOW, TEST_OPTIONS } from './helpers';

describe('rate limits', () => {
  let emu: RunningEmulator<unknown> | undefined;
  // The windows run on the emulator's clock, which moves only when a test moves it: no sleeping, and
  // no window ends early or late because the machine is busy.
  let clock: TestClock;
  let options: typeof TEST_OPTIONS;
  beforeEach(() => {
    clock = new TestClock(FIXED_NOW.getTime(), { running: false });
    options = { ...TEST_OPTIONS, now: clock.now };
  });
  afterEach(async () => {
    await emu?.close();
    emu = undefined;
  });

  it('Cliniko: request 201 within a minute gets 429 with X-RateLimit-Reset a minute ahead', async () => {
    const cliniko = await startClinikoEmulator({ ...options, patients: 10 });
    emu = cliniko;
    const headers = clinikoHeaders(cliniko.apiKey);
    const statuses = await Promise.all(Array.from({ length: 200 }, () => fetch(`${cliniko.url}/user`, { headers }).then((r) => r.status)));
    expect(statuses.every((s) => s === 200)).toBe(true);
    const refused = await fetch(`${cliniko.url}/user`, { headers });
    expect(refused.status).toBe(429);
    const reset = Number(refused.headers.get('x-ratelimit-reset'));
    expect(reset * 1000 - clock.ms()).toBe(60_000);
    expect(refused.headers.get('retry-after')).toBeNull();
    expect(cliniko.stats().rateLimited).toBe(1);
  });

  it('Cliniko: a compressed window refuses, then recovers once the advertised reset has passed', async () => {
    const cliniko = await startClinikoEmulator({ ...options, patients: 10, timeScale: 30, rateLimit: { perMinute: 5 } });
    emu = cliniko;
    const headers = clinikoHeaders(cliniko.apiKey);
    for (let i = 0; i < 5; i++) expect((await fetch(`${cliniko.url}/user`, { headers })).status).toBe(200);
    const refused = await fetch(`${cliniko.url}/user`, { headers });
    expect(refused.status).toBe(429);
    const reset = Number(refused.headers.get('x-ratelimit-reset')) * 1000;
    expect(reset - clock.ms()).toBe(2000);
    // The same user's key without its shard suffix shares the budget.
    expect((await fetch(`${cliniko.url}/user`, { headers: clinikoHeaders(cliniko.apiKey.replace(/-au1$/, '')) })).status).toBe(429);
    clock.advance(reset - clock.ms());
    expect((await fetch(`${cliniko.url}/user`, { headers })).status).toBe(200);
  });

  it('IntakeQ: the eleventh request in a minute gets 429, without Retry-After unless asked for', async () => {
    const intakeq = await startIntakeqEmulator({ ...options, patients: 10, timeScale: 30 });
    emu = intakeq;
    const headers = { 'X-Auth-Key': intakeq.apiKey };
    for (let i = 0; i < 10; i++) expect((await fetch(`${intakeq.url}/practitioners`, { headers })).status).toBe(200);
    const refused = await fetch(`${intakeq.url}/practitioners`, { headers });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBeNull();
    expect(await refused.json()).toEqual({ Message: 'API rate limit exceeded.' });
    clock.advance(2000);
    expect((await fetch(`${intakeq.url}/practitioners`, { headers })).status).toBe(200);
  });

  it('IntakeQ: the daily cap holds across minutes and lifts when the (compressed) day ends', async () => {
    const intakeq = await startIntakeqEmulator({
      ...options,
      patients: 10,
      timeScale: 86_400 / 2,
      rateLimit: { perDay: 4 },
      retryAfterHeader: true,
    });
    emu = intakeq;
    const headers = { 'X-Auth-Key': intakeq.apiKey };
    // With a two-second day the minute window lasts under 2 ms, so spacing requests leaves only the daily cap.
    const spaced = (): Promise<Response> => {
      clock.advance(5);
      return fetch(`${intakeq.url}/practitioners`, { headers });
    };
    for (let i = 0; i < 4; i++) expect((await spaced()).status).toBe(200);
    const capped = await spaced();
    expect(capped.status).toBe(429);
    const retryAfter = Number(capped.headers.get('retry-after'));
    expect(retryAfter).toBe(2);
    expect((await spaced()).status).toBe(429);
    clock.advance(2000);
    expect((await spaced()).status).toBe(200);
  });
});
