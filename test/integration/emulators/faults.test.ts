import { afterEach, describe, expect, it } from 'vitest';
import {
  startClinikoEmulator,
  startIntakeqEmulator,
  type ClinikoControl,
  type ClinikoPatient,
  type RunningEmulator,
} from '../../../electron/emulators';
import { basicAuth, clinikoHeaders, FIXED_NOW, TEST_OPTIONS } from './helpers';

describe('fault injection', () => {
  let emu: RunningEmulator<unknown> | undefined;
  afterEach(async () => {
    await emu?.close();
    emu = undefined;
  });
  const cliniko = async (patients = 30): Promise<RunningEmulator<ClinikoControl>> => {
    const started = await startClinikoEmulator({ ...TEST_OPTIONS, patients });
    emu = started;
    return started;
  };
  const get = (started: RunningEmulator<unknown>, path: string): Promise<Response> =>
    fetch(`${started.url}${path}`, { headers: clinikoHeaders(started.apiKey) });

  it('answers a share of requests with 500, 502, 503 or 504, and can be switched off while running', async () => {
    const started = await cliniko();
    started.setFaults({ serverErrorRate: 1 });
    const responses = await Promise.all(Array.from({ length: 12 }, () => get(started, '/patients')));
    const statuses = responses.map((r) => r.status);
    expect(statuses.every((s) => [500, 502, 503, 504].includes(s))).toBe(true);
    expect(new Set(statuses).size).toBeGreaterThan(1);
    const gateway = responses.find((r) => r.status !== 500);
    expect(gateway?.headers.get('content-type')).toBe('text/html');
    started.setFaults({});
    expect((await get(started, '/patients')).status).toBe(200);
  });

  it('slows responses down', async () => {
    const started = await cliniko();
    started.setFaults({ slowRate: 1, slowMs: 250 });
    const began = Date.now();
    expect((await get(started, '/user')).status).toBe(200);
    expect(Date.now() - began).toBeGreaterThanOrEqual(240);
  });

  it('breaks pages: truncated JSON or a record of the wrong shape', async () => {
    const started = await cliniko();
    started.setFaults({ malformedPageRate: 1 });
    const kinds = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const text = await (await get(started, '/patients')).text();
      try {
        const page = JSON.parse(text) as { patients: unknown[] };
        expect(page.patients.some((p) => typeof p !== 'object')).toBe(true);
        kinds.add('wrong shape');
      } catch {
        kinds.add('truncated');
      }
    }
    expect(kinds).toEqual(new Set(['truncated', 'wrong shape']));
  });

  it('breaks single fields of records', async () => {
    const started = await cliniko();
    started.setFaults({ malformedRecordRate: 1 });
    const page = (await (await get(started, '/individual_appointments')).json()) as { individual_appointments: { starts_at: string }[] };
    expect(page.individual_appointments.length).toBeGreaterThan(0);
    expect(page.individual_appointments.every((a) => a.starts_at === 'not a date')).toBe(true);
  });

  it('changes records between page requests, so offset paging by updated_at drifts', async () => {
    const started = await cliniko(200);
    started.setFaults({ mutateBetweenPages: 4 });
    const seen: string[] = [];
    let next: string | undefined = `${started.url}/patients?per_page=20&sort=updated_at&q[]=archived_at:*`;
    while (next) {
      const page = (await (await fetch(next, { headers: clinikoHeaders(started.apiKey) })).json()) as {
        patients: ClinikoPatient[];
        links: { next?: string };
      };
      seen.push(...page.patients.map((p) => p.id));
      next = page.links.next;
    }
    const truth = started.control.patients().map((p) => p.id);
    const duplicates = seen.length - new Set(seen).size;
    const missed = truth.filter((id) => !seen.includes(id)).length;
    expect(duplicates + missed).toBeGreaterThan(0);
  });

  it('refuses every Nth request with a 429 that carries the usual headers', async () => {
    const started = await cliniko();
    started.setFaults({ rateLimitStorm: { everyN: 3 } });
    const responses: Response[] = [];
    for (let i = 0; i < 6; i++) responses.push(await get(started, '/user'));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 429, 200, 200, 429]);
    expect(Number(responses[2]?.headers.get('x-ratelimit-reset'))).toBeGreaterThan(FIXED_NOW.getTime() / 1000);
    expect(started.stats().rateLimited).toBe(2);
  });

  it('takes faults over the control API too, and IntakeQ errors in its own shapes', async () => {
    // Faults are a seeded function of the request: with seed 2 these eight requests draw the application's own 500.
    const intakeq = await startIntakeqEmulator({ ...TEST_OPTIONS, patients: 20, seed: 2 });
    emu = intakeq;
    const set = await fetch(`${intakeq.origin}/__emulator/faults`, {
      method: 'POST',
      headers: { 'X-Auth-Key': intakeq.apiKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({ malformedRecordRate: 1 }),
    });
    expect(set.status).toBe(204);
    const rows = (await (await fetch(`${intakeq.url}/appointments`, { headers: { 'X-Auth-Key': intakeq.apiKey } })).json()) as {
      StartDate: unknown;
    }[];
    expect(rows.every((r) => r.StartDate === 'not a date')).toBe(true);
    intakeq.setFaults({ serverErrorRate: 1 });
    const failures = await Promise.all(
      Array.from({ length: 8 }, () => fetch(`${intakeq.url}/practitioners`, { headers: { 'X-Auth-Key': intakeq.apiKey } })),
    );
    const applicationError = failures.find((r) => r.status === 500);
    expect(await applicationError?.json()).toEqual({ Message: 'An error has occurred.' });
    // Cliniko's control API refuses IntakeQ-style credentials and vice versa.
    expect((await fetch(`${intakeq.origin}/__emulator/stats`, { headers: { Authorization: basicAuth(intakeq.apiKey) } })).status).toBe(401);
  });
});
