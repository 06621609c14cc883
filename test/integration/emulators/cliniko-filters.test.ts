import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startClinikoEmulator,
  type ClinikoAppointment,
  type ClinikoControl,
  type ClinikoPatient,
  type RunningEmulator,
} from '../../../electron/emulators';
import { allClinikoPages, clinikoHeaders, getJson, TEST_OPTIONS } from './helpers';

describe('Cliniko emulator: q[] filters and implicit hiding', () => {
  let emu: RunningEmulator<ClinikoControl>;
  const patientsWhere = async (...filters: string[]): Promise<ClinikoPatient[]> => {
    const query = filters.map((f) => `q[]=${encodeURIComponent(f)}`).join('&');
    return (await allClinikoPages<ClinikoPatient>(`${emu.url}/patients?per_page=100&${query}`, 'patients', emu.apiKey)).records;
  };
  const appointmentsWhere = async (...filters: string[]): Promise<ClinikoAppointment[]> => {
    const query = filters.map((f) => `q[]=${encodeURIComponent(f)}`).join('&');
    return (
      await allClinikoPages<ClinikoAppointment>(
        `${emu.url}/individual_appointments?per_page=100&${query}`,
        'individual_appointments',
        emu.apiKey,
      )
    ).records;
  };

  beforeAll(async () => {
    emu = await startClinikoEmulator({ ...TEST_OPTIONS, patients: 400 });
  });
  afterAll(() => emu.close());

  it('hides archived patients unless archived_at is filtered', async () => {
    const truth = emu.control.patients();
    const archived = truth.filter((p) => p.archived_at !== null);
    expect(archived.length).toBeGreaterThan(0);
    expect(await patientsWhere()).toHaveLength(truth.length - archived.length);
    expect(await patientsWhere('archived_at:*')).toHaveLength(truth.length);
    expect((await patientsWhere('archived_at:?')).map((p) => p.id).sort()).toEqual(archived.map((p) => p.id).sort());
  });

  it('hides cancelled and archived appointments unless their columns are filtered', async () => {
    const truth = emu.control.appointments();
    const cancelled = truth.filter((a) => a.cancelled_at !== null);
    const visible = truth.filter((a) => a.cancelled_at === null && a.archived_at === null);
    expect(cancelled.length).toBeGreaterThan(0);
    expect(await appointmentsWhere()).toHaveLength(visible.length);
    expect(await appointmentsWhere('cancelled_at:*')).toHaveLength(truth.filter((a) => a.archived_at === null).length);
    const onlyCancelled = await appointmentsWhere('cancelled_at:?', 'archived_at:*');
    expect(onlyCancelled.map((a) => a.id).sort()).toEqual(cancelled.map((a) => a.id).sort());
    expect(onlyCancelled.every((a) => a.cancellation_reason_description !== '')).toBe(true);
  });

  it('applies the same hiding to records fetched by id (404 until revealed)', async () => {
    const archived = emu.control.patients().find((p) => p.archived_at !== null);
    const cancelled = emu.control.appointments().find((a) => a.cancelled_at !== null && a.archived_at === null);
    const headers = clinikoHeaders(emu.apiKey);
    expect((await fetch(`${emu.url}/patients/${archived?.id}`, { headers })).status).toBe(404);
    expect((await fetch(`${emu.url}/patients/${archived?.id}?q[]=archived_at:*`, { headers })).status).toBe(200);
    expect((await fetch(`${emu.url}/individual_appointments/${cancelled?.id}`, { headers })).status).toBe(404);
    const revealed = await getJson<ClinikoAppointment>(`${emu.url}/individual_appointments/${cancelled?.id}?q[]=cancelled_at:*`, headers);
    expect(revealed.cancelled_at).toBe(cancelled?.cancelled_at);
  });

  it('refuses columns that are not searchable with 400, on lists and by id', async () => {
    const headers = clinikoHeaders(emu.apiKey);
    for (const url of [
      `${emu.url}/patients?q[]=phone:=1`,
      `${emu.url}/individual_appointments?q[]=notes:~x`,
      `${emu.url}/patients/${emu.control.patients()[0]?.id}?q[]=updated_at:*`,
    ]) {
      const response = await fetch(url, { headers });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ message: 'This column is not searchable.' });
    }
  });

  it('filters date-times by range, ids by lists, strings by contains and dates by wildcard', async () => {
    const truth = emu.control.patients().filter((p) => p.archived_at === null);
    const middle = [...truth].map((p) => p.updated_at).sort()[Math.floor(truth.length / 2)] ?? '';
    // Instants keep sub-second precision upstream but print whole seconds, so >= and < split exactly.
    const later = await patientsWhere(`updated_at:>=${middle}`);
    const earlier = await patientsWhere(`updated_at:<${middle}`);
    expect(later.map((p) => p.id).sort()).toEqual(
      truth
        .filter((p) => p.updated_at >= middle)
        .map((p) => p.id)
        .sort(),
    );
    expect(later.length + earlier.length).toBe(truth.length);

    const [a, b] = truth;
    expect((await patientsWhere(`id:=${a?.id},${b?.id}`)).map((p) => p.id).sort()).toEqual([a?.id, b?.id].sort());

    const fragment = (a?.last_name ?? '').slice(1, 4).toUpperCase();
    const contains = await patientsWhere(`last_name:~${fragment}`);
    expect(contains.length).toBe(truth.filter((p) => p.last_name.toLowerCase().includes(fragment.toLowerCase())).length);

    const bornInMay = await patientsWhere('date_of_birth:=****-05-**');
    expect(bornInMay.length).toBe(truth.filter((p) => p.date_of_birth?.slice(5, 7) === '05').length);
    expect(bornInMay.length).toBeGreaterThan(0);
  });

  it('narrows appointments to a window and a practitioner', async () => {
    const practitioner = emu.control.practitioners().find((p) => p.active);
    const from = '2026-03-01T00:00:00Z';
    const to = '2026-04-01T00:00:00Z';
    const found = await appointmentsWhere(`starts_at:>=${from}`, `starts_at:<${to}`, `practitioner_id:=${practitioner?.id}`);
    const expected = emu.control
      .appointments()
      .filter(
        (a) =>
          a.cancelled_at === null &&
          a.archived_at === null &&
          a.starts_at >= from &&
          a.starts_at < to &&
          a.practitioner.links.self.endsWith(`/${practitioner?.id}`),
      );
    expect(found.map((a) => a.id).sort()).toEqual(expected.map((a) => a.id).sort());
    expect(found.length).toBeGreaterThan(0);
  });

  it('lists active and inactive practitioners separately', async () => {
    const active = await getJson<{ practitioners: { active: boolean }[] }>(`${emu.url}/practitioners`, clinikoHeaders(emu.apiKey));
    const inactive = await getJson<{ practitioners: { active: boolean }[] }>(
      `${emu.url}/practitioners/inactive`,
      clinikoHeaders(emu.apiKey),
    );
    expect(active.practitioners.every((p) => p.active)).toBe(true);
    expect(inactive.practitioners.length).toBeGreaterThan(0);
    expect(inactive.practitioners.every((p) => !p.active)).toBe(true);
    expect(active.practitioners.length + inactive.practitioners.length).toBe(emu.control.practitioners().length);
    const former = emu.control.practitioners().find((p) => !p.active);
    expect((await getJson<{ id: string }>(`${emu.url}/practitioners/${former?.id}`, clinikoHeaders(emu.apiKey))).id).toBe(former?.id);
  });

  it('gives each appointment an attendee carrying the patient’s own video link', async () => {
    const appointment = emu.control.appointments().find((a) => a.cancelled_at === null && a.archived_at === null);
    const found = await getJson<{ attendees: { telehealth_url: string; booking: { links: { self: string } } }[] }>(
      `${emu.url}/attendees?q[]=${encodeURIComponent(`booking_id:=${appointment?.id}`)}`,
      clinikoHeaders(emu.apiKey),
    );
    expect(found.attendees).toHaveLength(1);
    expect(found.attendees[0]?.telehealth_url).toMatch(/^https:\/\/[\w-]+\.cliniko\.com\/c\/\w{24}$/);
    expect(found.attendees[0]?.booking.links.self.endsWith(`/${appointment?.id}`)).toBe(true);
  });
});
