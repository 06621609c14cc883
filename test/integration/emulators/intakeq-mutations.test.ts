import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startIntakeqEmulator,
  type IntakeqAppointment,
  type IntakeqClientProfile,
  type IntakeqControl,
  type RunningEmulator,
} from '../../../electron/emulators';
import { getJson } from './helpers';

describe('IntakeQ emulator: mutations seen through the API', () => {
  let emu: RunningEmulator<IntakeqControl>;
  let now = Date.parse('2026-03-10T14:00:00Z');
  const tick = (): void => {
    now += 60_000;
  };
  const auth = (): Record<string, string> => ({ 'X-Auth-Key': emu.apiKey });
  const json = (): Record<string, string> => ({ ...auth(), 'Content-Type': 'application/json' });
  const viaApi = (id: string): Promise<IntakeqAppointment> => getJson(`${emu.url}/appointments/${id}`, auth());
  const upcoming = (): IntakeqAppointment => {
    const deleted = new Set(emu.control.deletedAppointmentIds());
    const found = emu.control.appointments().find((a) => a.Status === 'Confirmed' && a.StartDate > now && !deleted.has(a.Id));
    if (!found) throw new Error('no upcoming appointment');
    return found;
  };

  beforeAll(async () => {
    emu = await startIntakeqEmulator({
      patients: 60,
      latencyMs: { min: 0, max: 0 },
      now: () => new Date(now),
      rateLimit: { perMinute: 10_000, perDay: 10_000 },
    });
  });
  afterAll(() => emu.close());

  it('moves LastModified forward on every change, so updatedSince finds it', async () => {
    const appointment = upcoming();
    tick();
    emu.control.reschedule(appointment.Id, '2026-04-01T15:00:00Z');
    const seen = await viaApi(appointment.Id);
    expect(seen.StartDate).toBe(Date.parse('2026-04-01T15:00:00Z'));
    expect(seen.StartDateLocal).toBe('2026-04-01T11:00:00');
    expect(seen.LastModified).toBeGreaterThan(appointment.LastModified);
    const changedToday = await getJson<IntakeqAppointment[]>(`${emu.url}/appointments?updatedSince=2026-03-10`, auth());
    expect(changedToday.map((a) => a.Id)).toContain(appointment.Id);
  });

  it('records cancellations, no-shows, practitioner moves and new video links', async () => {
    const appointment = upcoming();
    tick();
    emu.control.cancel(appointment.Id, 'Feeling better');
    const cancelled = await viaApi(appointment.Id);
    expect(cancelled.Status).toBe('Canceled');
    expect(cancelled.FullCancellationReason).toBe('Feeling better');
    expect(cancelled.CancellationDate).toBe(now);

    const other = upcoming();
    tick();
    emu.control.markNoShow(other.Id);
    expect((await viaApi(other.Id)).Status).toBe('Missed');
    tick();
    const moved = emu.control.changePractitioner(other.Id);
    expect((await viaApi(other.Id)).PractitionerId).toBe(moved.PractitionerId);
    expect(moved.PractitionerId).not.toBe(other.PractitionerId);
    tick();
    const renewed = emu.control.changeTelehealthUrl(other.Id);
    expect((await viaApi(other.Id)).TelehealthInfo?.StartUrl).toBe(renewed.TelehealthInfo?.StartUrl);
    expect(renewed.TelehealthInfo?.InvitationCode).not.toBe(other.TelehealthInfo?.InvitationCode);
  });

  it('soft-deletes: gone from lists, listed by deletedOnly', async () => {
    const appointment = upcoming();
    tick();
    emu.control.deleteAppointment(appointment.Id);
    expect((await fetch(`${emu.url}/appointments/${appointment.Id}`, { headers: auth() })).status).toBe(404);
    const deleted = await getJson<IntakeqAppointment[]>(`${emu.url}/appointments?deletedOnly=true`, auth());
    expect(deleted.map((a) => a.Id)).toContain(appointment.Id);
  });

  it('creates, updates and cancels appointments through the documented write endpoints', async () => {
    const settings = emu.control.settings();
    const client = emu.control.patients().find((c) => !c.Archived);
    const body = {
      ClientId: client?.ClientId,
      PractitionerId: settings.Practitioners[0]?.Id,
      ServiceId: settings.Services[0]?.Id,
      LocationId: settings.Locations[0]?.Id,
      Status: 'WaitingConfirmation',
      UtcDateTime: Date.parse('2026-03-20T15:00:00Z'),
      SendClientEmailNotification: false,
      ReminderType: 'Email',
    };
    const refused = await fetch(`${emu.url}/appointments`, {
      method: 'POST',
      headers: json(),
      body: JSON.stringify({ ...body, SendClientEmailNotification: true }),
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { Message: string }).Message).toMatch(/Confirmed/);
    const noClient = await fetch(`${emu.url}/appointments`, {
      method: 'POST',
      headers: json(),
      body: JSON.stringify({ ...body, ClientId: 999_999 }),
    });
    expect(await noClient.json()).toEqual({ Message: 'Client not found' });

    const created = (await (
      await fetch(`${emu.url}/appointments`, { method: 'POST', headers: json(), body: JSON.stringify(body) })
    ).json()) as IntakeqAppointment;
    expect(created.ClientId).toBe(client?.ClientId);
    tick();
    const update = { Id: created.Id, UtcDateTime: Date.parse('2026-03-21T15:00:00Z'), Status: 'Confirmed' };
    const updated = await fetch(`${emu.url}/appointments`, { method: 'PUT', headers: json(), body: JSON.stringify(update) });
    expect(((await updated.json()) as IntakeqAppointment).Status).toBe('Confirmed');
    const backwards = await fetch(`${emu.url}/appointments`, {
      method: 'PUT',
      headers: json(),
      body: JSON.stringify({ ...update, Status: 'WaitingConfirmation' }),
    });
    expect(backwards.status).toBe(400);
    const cancel = await fetch(`${emu.url}/appointments/cancellation`, {
      method: 'POST',
      headers: json(),
      body: JSON.stringify({ AppointmentId: created.Id, Reason: 'Schedule conflict' }),
    });
    expect(cancel.status).toBe(200);
    expect((await viaApi(created.Id)).Status).toBe('Canceled');
  });

  it('treats POST /clients as an upsert that replaces the whole profile', async () => {
    const created = (await (
      await fetch(`${emu.url}/clients`, {
        method: 'POST',
        headers: json(),
        body: JSON.stringify({ FirstName: 'Ari', LastName: 'Example', Email: 'ari@example.com', Phone: '(212) 555-0100' }),
      })
    ).json()) as IntakeqClientProfile;
    expect(created.Phone).toBe('(212) 555-0100');
    tick();
    // Same first name and email: the existing client is updated, and the phone left out is cleared.
    const replaced = (await (
      await fetch(`${emu.url}/clients`, {
        method: 'POST',
        headers: json(),
        body: JSON.stringify({ FirstName: 'Ari', LastName: 'Example-Smith', Email: 'ARI@example.com' }),
      })
    ).json()) as IntakeqClientProfile;
    expect(replaced.ClientId).toBe(created.ClientId);
    expect(replaced.LastName).toBe('Example-Smith');
    expect(replaced.Phone).toBeNull();
    expect(replaced.LastActivityDate).toBeGreaterThan(created.LastActivityDate);
  });

  it('edits, archives and deletes clients from the control API', async () => {
    const client = emu.control.patients().find((c) => !c.Archived);
    const id = client?.ClientId ?? 0;
    tick();
    emu.control.editPatient(id, { Email: 'changed@example.com' });
    emu.control.archivePatient(id);
    const [profile] = await getJson<IntakeqClientProfile[]>(`${emu.url}/clients?search=${id}&includeProfile=true`, auth());
    expect(profile?.Email).toBe('changed@example.com');
    expect(profile?.Archived).toBe(true);
    tick();
    emu.control.deletePatient(id);
    expect(await getJson(`${emu.url}/clients?search=${id}`, auth())).toEqual([]);
    expect(
      (await getJson<{ ClientNumber: number }[]>(`${emu.url}/clients?search=${id}&deletedOnly=true`, auth())).map((c) => c.ClientNumber),
    ).toEqual([id]);
  });
});
