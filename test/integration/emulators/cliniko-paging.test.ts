import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startClinikoEmulator,
  type ClinikoAppointment,
  type ClinikoControl,
  type ClinikoPatient,
  type RunningEmulator,
} from '../../../electron/emulators';
import { allClinikoPages, clinikoHeaders, getJson, TEST_OPTIONS } from './helpers';

interface Envelope {
  total_entries: number;
  links: { self: string; next?: string; previous?: string };
  patients?: ClinikoPatient[];
}

describe('Cliniko emulator: envelopes and paging', () => {
  let emu: RunningEmulator<ClinikoControl>;
  beforeAll(async () => {
    emu = await startClinikoEmulator({ ...TEST_OPTIONS, patients: 230 });
  });
  afterAll(() => emu.close());

  it('returns every appointment exactly once across pages, with a constant total', async () => {
    const url = `${emu.url}/individual_appointments?per_page=100&q[]=archived_at:*&q[]=cancelled_at:*`;
    const { records, totals, pages } = await allClinikoPages<ClinikoAppointment>(url, 'individual_appointments', emu.apiKey);
    const truth = emu.control.appointments();
    expect(pages).toBe(Math.ceil(truth.length / 100));
    expect(new Set(totals)).toEqual(new Set([truth.length]));
    expect(records.map((a) => a.id).sort()).toEqual(truth.map((a) => a.id).sort());
  });

  it('defaults to 50 per page and clamps per_page to 100', async () => {
    const byDefault = await getJson<Envelope>(`${emu.url}/patients`, clinikoHeaders(emu.apiKey));
    expect(byDefault.patients).toHaveLength(50);
    const clamped = await getJson<Envelope>(`${emu.url}/patients?per_page=500`, clinikoHeaders(emu.apiKey));
    expect(clamped.patients).toHaveLength(100);
  });

  it('links previous and next only when they exist, back to this server, keeping every query parameter', async () => {
    const query = 'q%5B%5D=archived_at%3A*&sort=last_name&per_page=100';
    const first = await getJson<Envelope>(`${emu.url}/patients?${query}`, clinikoHeaders(emu.apiKey));
    expect(first.links.previous).toBeUndefined();
    expect(first.links.self).toBe(`${emu.url}/patients?${query}`);
    const next = new URL(first.links.next ?? '');
    expect(next.origin).toBe(emu.origin);
    expect(next.searchParams.getAll('q[]')).toEqual(['archived_at:*']);
    expect(next.searchParams.get('sort')).toBe('last_name');
    expect(next.searchParams.get('per_page')).toBe('100');
    expect(next.searchParams.get('page')).toBe('2');
    const last = await getJson<Envelope>(`${emu.url}/patients?${query}&page=3`, clinikoHeaders(emu.apiKey));
    expect(last.links.next).toBeUndefined();
    expect(new URL(last.links.previous ?? '').searchParams.get('page')).toBe('2');
    expect(last.patients).toHaveLength(30);
  });

  it('sends ids as strings of 64-bit integers beyond 2^53, with a few small legacy ids', async () => {
    const patients = emu.control.patients();
    const large = patients.filter((p) => BigInt(p.id) > 2n ** 53n);
    expect(patients.every((p) => typeof p.id === 'string' && /^\d+$/.test(p.id))).toBe(true);
    expect(large.length).toBeGreaterThan(patients.length * 0.8);
    expect(large.length).toBeLessThan(patients.length);
    // Parsing such an id as a JS number loses digits: the trap the emulator exists to spring.
    expect(String(Number(large[0]?.id))).not.toBe(large[0]?.id);
  });

  it('links related records through the shard host, with the ids in the last path segment', async () => {
    const page = await getJson<{ individual_appointments: ClinikoAppointment[] }>(
      `${emu.url}/individual_appointments?per_page=1`,
      clinikoHeaders(emu.apiKey),
    );
    const appointment = page.individual_appointments[0];
    expect(appointment?.patient.links.self).toMatch(/^https:\/\/api\.au1\.cliniko\.com\/v1\/patients\/\d+$/);
    expect(appointment?.telehealth_url).toMatch(/^https:\/\/\w[\w-]*\.cliniko\.com\/appointments\/\d+\/connect$/);
    const patientId = appointment?.patient.links.self.split('/').pop();
    const patient = await getJson<ClinikoPatient>(`${emu.url}/patients/${patientId}?q[]=archived_at:*`, clinikoHeaders(emu.apiKey));
    expect(appointment?.patient_name).toBe(`${patient.first_name} ${patient.last_name}`);
  });

  it('sorts by the requested columns, defaulting to created_at ascending', async () => {
    const byDefault = await getJson<Envelope>(`${emu.url}/patients?per_page=100`, clinikoHeaders(emu.apiKey));
    const created = (byDefault.patients ?? []).map((p) => p.created_at);
    expect(created).toEqual([...created].sort());
    const newestFirst = await getJson<Envelope>(`${emu.url}/patients?per_page=100&sort=updated_at:desc`, clinikoHeaders(emu.apiKey));
    const updated = (newestFirst.patients ?? []).map((p) => p.updated_at);
    expect(updated).toEqual([...updated].sort().reverse());
    const deprecatedOrder = await getJson<Envelope>(`${emu.url}/patients?per_page=100&order=desc`, clinikoHeaders(emu.apiKey));
    expect(deprecatedOrder.patients?.[0]?.id).toBe(
      emu.control
        .patients()
        .filter((p) => p.archived_at === null)
        .at(-1)?.id,
    );
  });
});
