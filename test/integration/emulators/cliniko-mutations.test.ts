import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startClinikoEmulator,
  type ClinikoAppointment,
  type ClinikoControl,
  type ClinikoPatient,
  type RunningEmulator,
} from '../../../electron/emulators';
import { basicAuth, clinikoHeaders, getJson, idOf } from './helpers';

describe('Cliniko emulator: mutations seen through the API', () => {
  let emu: RunningEmulator<ClinikoControl>;
  // A clock the test moves forward, so every change has a later updated_at.
  let now = Date.parse('2026-03-10T02:00:00Z');
  const tick = (): void => {
    now += 60_000;
  };
  const appointmentViaApi = (id: string): Promise<ClinikoAppointment> =>
    getJson(`${emu.url}/individual_appointments/${id}?q[]=cancelled_at:*&q[]=archived_at:*`, clinikoHeaders(emu.apiKey));
  const upcoming = (): ClinikoAppointment => {
    const found = emu.control
      .appointments()
      .find((a) => a.cancelled_at === null && a.archived_at === null && a.deleted_at === null && a.starts_at > new Date(now).toISOString());
    if (!found) throw new Error('no upcoming appointment');
    return found;
  };

  beforeAll(async () => {
    emu = await startClinikoEmulator({ patients: 60, latencyMs: { min: 0, max: 0 }, now: () => new Date(now) });
  });
  afterAll(() => emu.close());

  it('shows a new patient and their edit, with updated_at moved forward', async () => {
    tick();
    const created = emu.control.addPatient({ first_name: 'Test', last_name: 'Patient' });
    const listed = await getJson<{ patients: ClinikoPatient[] }>(
      `${emu.url}/patients?q[]=${encodeURIComponent(`updated_at:>=${created.created_at}`)}`,
      clinikoHeaders(emu.apiKey),
    );
    expect(listed.patients.map((p) => p.id)).toContain(created.id);
    tick();
    const edited = emu.control.editPatient(created.id, { email: 'new.address@example.com' });
    const fetched = await getJson<ClinikoPatient>(`${emu.url}/patients/${created.id}`, clinikoHeaders(emu.apiKey));
    expect(fetched.email).toBe('new.address@example.com');
    expect(fetched.updated_at > created.updated_at).toBe(true);
    expect(fetched.updated_at).toBe(edited.updated_at);
  });

  it('reschedules, marks no-shows, moves practitioners and renews video links', async () => {
    const appointment = upcoming();
    tick();
    const moved = emu.control.reschedule(appointment.id, '2026-04-02T23:30:00Z');
    const seen = await appointmentViaApi(appointment.id);
    expect(seen.starts_at).toBe('2026-04-02T23:30:00Z');
    expect(Date.parse(seen.ends_at) - Date.parse(seen.starts_at)).toBe(Date.parse(appointment.ends_at) - Date.parse(appointment.starts_at));
    expect(seen.updated_at > appointment.updated_at).toBe(true);

    tick();
    emu.control.markNoShow(appointment.id);
    expect((await appointmentViaApi(appointment.id)).did_not_arrive).toBe(true);

    tick();
    const changed = emu.control.changePractitioner(appointment.id);
    expect(idOf((await appointmentViaApi(appointment.id)).practitioner)).toBe(idOf(changed.practitioner));
    expect(idOf(changed.practitioner)).not.toBe(idOf(moved.practitioner));

    const before = emu.control.attendeeOf(appointment.id);
    tick();
    emu.control.changeTelehealthUrl(appointment.id);
    const attendees = await getJson<{ attendees: { telehealth_url: string; updated_at: string }[] }>(
      `${emu.url}/attendees?q[]=${encodeURIComponent(`booking_id:=${appointment.id}`)}`,
      clinikoHeaders(emu.apiKey),
    );
    expect(attendees.attendees[0]?.telehealth_url).not.toBe(before.telehealth_url);
    expect((attendees.attendees[0]?.updated_at ?? '') > before.updated_at).toBe(true);
  });

  it('hides a cancelled appointment from the default list and records why', async () => {
    const appointment = upcoming();
    tick();
    emu.control.cancel(appointment.id, 'Sick');
    const headers = clinikoHeaders(emu.apiKey);
    expect((await fetch(`${emu.url}/individual_appointments/${appointment.id}`, { headers })).status).toBe(404);
    const seen = await appointmentViaApi(appointment.id);
    expect(seen.cancelled_at).toBe(new Date(now).toISOString().replace('.000Z', 'Z'));
    expect(seen.cancellation_reason).toBe(30);
    expect(seen.cancellation_reason_description).toBe('Sick');
  });

  it('serves hard-deleted records as stubs of id, deleted_at and links, only where they are asked for (spec §8)', async () => {
    const appointment = upcoming();
    const patient = emu.control
      .patients()
      .find((p) => p.archived_at === null && p.deleted_at === null && emu.control.appointments().some((a) => idOf(a.patient) === p.id));
    if (!patient) throw new Error('no patient with appointments');
    const theirs = emu.control.appointments().filter((a) => idOf(a.patient) === patient.id && a.deleted_at === null);
    tick();
    emu.control.deleteAppointment(appointment.id);
    emu.control.deletePatient(patient.id);
    const headers = clinikoHeaders(emu.apiKey);
    const status = async (path: string): Promise<number> => (await fetch(`${emu.url}${path}`, { headers })).status;
    const stub = (resource: string, id: string) => ({
      id,
      deleted_at: new Date(now).toISOString().replace('.000Z', 'Z'),
      links: { self: `https://api.au1.cliniko.com/v1/${resource}/${id}` },
    });

    // By id: hidden unless deleted_at is filtered, then a stub.
    expect(await status(`/individual_appointments/${appointment.id}?q[]=cancelled_at:*&q[]=archived_at:*`)).toBe(404);
    expect(await getJson(`${emu.url}/individual_appointments/${appointment.id}?q[]=deleted_at:*`, headers)).toEqual(
      stub('individual_appointments', appointment.id),
    );
    // A window listing that reveals deleted rows lists the stub; one that does not, leaves it out.
    const window = `q[]=${encodeURIComponent(`starts_at:>=${appointment.starts_at}`)}&q[]=${encodeURIComponent(`starts_at:<=${appointment.starts_at}`)}`;
    const revealed = await getJson<{ individual_appointments: unknown[] }>(
      `${emu.url}/individual_appointments?${window}&q[]=archived_at:*&q[]=cancelled_at:*&q[]=deleted_at:*`,
      headers,
    );
    expect(revealed.individual_appointments).toContainEqual(stub('individual_appointments', appointment.id));
    const plain = await getJson<{ individual_appointments: ClinikoAppointment[] }>(`${emu.url}/individual_appointments?${window}`, headers);
    expect(plain.individual_appointments.map((a) => a.id)).not.toContain(appointment.id);

    // The patient: gone from the listing and by id (neither can filter on deleted_at), a stub on /patients/deleted.
    expect(await status(`/patients/${patient.id}?q[]=archived_at:*`)).toBe(404);
    expect(await status(`/patients?q[]=deleted_at:*`)).toBe(400);
    const deletedPatients = await getJson<{ patients: unknown[] }>(`${emu.url}/patients/deleted?per_page=100`, headers);
    expect(deletedPatients.patients).toContainEqual(stub('patients', patient.id));
    // Their appointments went with them.
    const deletedAppointments = await getJson<{ individual_appointments: Array<{ id: string }> }>(
      `${emu.url}/individual_appointments/deleted?per_page=100&q[]=${encodeURIComponent(`deleted_at:>=${patient.updated_at}`)}`,
      headers,
    );
    expect(deletedAppointments.individual_appointments.map((a) => a.id).sort()).toEqual(
      [appointment.id, ...theirs.map((a) => a.id)].filter((id, i, all) => all.indexOf(id) === i).sort(),
    );
    for (const row of deletedAppointments.individual_appointments) expect(Object.keys(row).sort()).toEqual(['deleted_at', 'id', 'links']);
    // On /deleted routes only id and deleted_at are filterable.
    expect(await status(`/individual_appointments/deleted?q[]=${encodeURIComponent('updated_at:>2020-01-01T00:00:00Z')}`)).toBe(400);
    const attendees = await getJson<{ attendees: Array<{ id: string }> }>(`${emu.url}/attendees/deleted?per_page=100`, headers);
    expect(attendees.attendees.length).toBe(deletedAppointments.individual_appointments.length);
    // The control API keeps the ground truth whole.
    expect(emu.control.patients().find((p) => p.id === patient.id)?.deleted_at).not.toBeNull();
    expect(emu.control.appointments().find((a) => a.id === appointment.id)?.starts_at).toBe(appointment.starts_at);
  });

  it('accepts writes through the API: create (201), validation (422), cancel (204 then 422), archive (204)', async () => {
    const headers = { ...clinikoHeaders(emu.apiKey), 'Content-Type': 'application/json' };
    const blank = await fetch(`${emu.url}/patients`, { method: 'POST', headers, body: JSON.stringify({ first_name: 'Only' }) });
    expect(blank.status).toBe(422);
    expect(await blank.json()).toEqual({ message: 'Validation Failed', errors: { last_name: 'can’t be blank' } });

    const created = await fetch(`${emu.url}/patients`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ first_name: 'Api', last_name: 'Created' }),
    });
    expect(created.status).toBe(201);
    const patient = (await created.json()) as ClinikoPatient;
    expect(created.headers.get('location')).toBe(patient.links.self);

    const appointment = upcoming();
    const cancel = (): Promise<Response> =>
      fetch(`${emu.url}/individual_appointments/${appointment.id}/cancel`, {
        method: 'PATCH',
        headers,
        body: JSON.stringify({ cancellation_reason: 40, cancellation_note: 'Travelling' }),
      });
    expect((await cancel()).status).toBe(204);
    expect((await cancel()).status).toBe(422);
    expect((await appointmentViaApi(appointment.id)).cancellation_reason_description).toBe('Away');

    const archive = await fetch(`${emu.url}/patients/${patient.id}/archive`, { method: 'POST', headers });
    expect(archive.status).toBe(204);
    expect((await fetch(`${emu.url}/patients/${patient.id}`, { headers })).status).toBe(404);
  });

  it('lets another process drive the emulator over the control API', async () => {
    const auth = { Authorization: basicAuth(emu.apiKey), 'Content-Type': 'application/json' };
    const response = await fetch(`${emu.origin}/__emulator/mutate`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ op: 'addPatient', args: [{ first_name: 'Remote' }] }),
    });
    expect(response.status).toBe(200);
    const { result } = (await response.json()) as { result: ClinikoPatient };
    expect(result.first_name).toBe('Remote');
    const state = (await (await fetch(`${emu.origin}/__emulator/state`, { headers: auth })).json()) as { patients: ClinikoPatient[] };
    expect(state.patients.map((p) => p.id)).toContain(result.id);

    const unknown = await fetch(`${emu.origin}/__emulator/mutate`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ op: 'cancel', args: ['42'] }),
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'No appointment with id 42' });
  });
});
