import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startIntakeqEmulator,
  type IntakeqAppointment,
  type IntakeqClientProfile,
  type IntakeqClientSummary,
  type IntakeqControl,
  type IntakeqPractitioner,
  type IntakeqSettings,
  type RunningEmulator,
} from '../../../electron/emulators';
import { allIntakeqPages, FIXED_NOW, getJson, TEST_OPTIONS } from './helpers';

describe('IntakeQ emulator: reads', () => {
  let emu: RunningEmulator<IntakeqControl>;
  const auth = (): Record<string, string> => ({ 'X-Auth-Key': emu.apiKey });
  const appointments = async (query = ''): Promise<IntakeqAppointment[]> =>
    (await allIntakeqPages<IntakeqAppointment>(`${emu.url}/appointments${query}`, emu.apiKey)).records;
  const live = (): IntakeqAppointment[] => {
    const deleted = new Set(emu.control.deletedAppointmentIds());
    return emu.control.appointments().filter((a) => !deleted.has(a.Id));
  };

  beforeAll(async () => {
    // Enough clients that some soft deletions fall inside the ten days deletedOnly lists and some before.
    emu = await startIntakeqEmulator({ ...TEST_OPTIONS, patients: 600, rateLimit: { perMinute: 10_000, perDay: 10_000 } });
  });
  afterAll(() => emu.close());

  it('refuses requests without the right X-Auth-Key with 401', async () => {
    expect(emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
    for (const headers of [{}, { 'X-Auth-Key': 'wrong' }, { Authorization: `Bearer ${emu.apiKey}` }]) {
      const response = await fetch(`${emu.url}/practitioners`, { headers });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ Message: 'Authorization has been denied for this request.' });
    }
  });

  it('answers undocumented routes such as /clients/{id} with an HTML 404', async () => {
    for (const [method, path] of [
      ['GET', '/clients/5'],
      ['PUT', '/appointments/abc'],
      ['GET', '/packages'],
    ] as const) {
      const response = await fetch(`${emu.url}${path}`, { method, headers: auth() });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toBe('text/html');
      expect(await response.text()).toMatch(/^<!DOCTYPE html/);
    }
  });

  it('pages bare arrays of at most 100, every appointment once, newest start first, [] past the end', async () => {
    const { records, pages } = await allIntakeqPages<IntakeqAppointment>(`${emu.url}/appointments`, emu.apiKey);
    expect(pages).toBe(Math.ceil((live().length + 1) / 100));
    expect(records.map((a) => a.Id).sort()).toEqual(
      live()
        .map((a) => a.Id)
        .sort(),
    );
    const starts = records.map((a) => a.StartDate);
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
    expect(await getJson(`${emu.url}/appointments?page=${pages + 1}`, auth())).toEqual([]);
  });

  it('serves appointment fields in IntakeQ’s formats, with package fields only by id', async () => {
    const [row] = await getJson<IntakeqAppointment[]>(`${emu.url}/appointments`, auth());
    expect(row?.Id).toMatch(/^[0-9a-f]{24}$/);
    expect(Number.isInteger(row?.ClientId)).toBe(true);
    expect(row?.StartDateIso).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$/);
    expect(Date.parse(row?.StartDateIso ?? '')).toBe(row?.StartDate);
    expect(row?.EndDate).toBe((row?.StartDate ?? 0) + (row?.Duration ?? 0) * 60_000);
    expect(row && 'AppointmentPackageId' in row).toBe(false);
    const single = await getJson<IntakeqAppointment>(`${emu.url}/appointments/${row?.Id}`, auth());
    expect('AppointmentPackageId' in single).toBe(true);
    expect(live().some((a) => a.Status === 'Canceled')).toBe(true);
    const telehealth = live().filter((a) => a.TelehealthInfo !== null);
    expect(telehealth.length).toBeGreaterThan(0);
    expect(
      telehealth.every(
        (a) => ['IntakeQ', 'Zoom'].includes(a.TelehealthInfo?.Provider ?? '') && a.TelehealthInfo?.StartUrl.startsWith('https://'),
      ),
    ).toBe(true);
  });

  it('reads startDate and endDate as whole days in the practice’s time zone', async () => {
    // 2026-03-10 in New York runs from 05:00Z (EDT starts on the 8th: UTC-4) to 04:00Z on the 11th.
    const found = await appointments('?startDate=2026-03-10&endDate=2026-03-10');
    const expected = live().filter(
      (a) => a.StartDate >= Date.parse('2026-03-10T04:00:00Z') && a.StartDate < Date.parse('2026-03-11T04:00:00Z'),
    );
    expect(found.map((a) => a.Id).sort()).toEqual(expected.map((a) => a.Id).sort());
    expect(found.every((a) => a.StartDateLocal.startsWith('2026-03-10'))).toBe(true);
    expect((await fetch(`${emu.url}/appointments?startDate=10/03/2026`, { headers: auth() })).status).toBe(400);
  });

  it('filters by status, practitioner email and client, with parameter names in any case', async () => {
    const missed = await appointments('?STATUS=Missed');
    expect(missed.length).toBe(live().filter((a) => a.Status === 'Missed').length);
    expect(missed.every((a) => a.Status === 'Missed')).toBe(true);

    const email = live()[0]?.PractitionerEmail ?? '';
    const byPractitioner = await appointments(`?practitionerEmail=${encodeURIComponent(email.toUpperCase())}`);
    expect(byPractitioner.length).toBe(live().filter((a) => a.PractitionerEmail === email).length);

    const client = emu.control.patients()[3];
    const byClient = await appointments(`?client=${encodeURIComponent(client?.LastName.toLowerCase() ?? '')}`);
    expect(byClient.map((a) => a.ClientId)).toContain(client?.ClientId);
    expect(byClient.every((a) => `${a.ClientName} ${a.ClientEmail}`.toLowerCase().includes(client?.LastName.toLowerCase() ?? ''))).toBe(
      true,
    );
  });

  it('lists soft-deleted appointments and clients from the last ten days only with deletedOnly', async () => {
    const deleted = await appointments('?deletedOnly=true');
    const tenDaysAgo = FIXED_NOW.getTime() - 10 * 86_400_000;
    expect(deleted.length).toBeGreaterThan(0);
    expect(deleted.every((a) => emu.control.deletedAppointmentIds().includes(a.Id) && a.LastModified >= tenDaysAgo)).toBe(true);
    expect(deleted.length).toBeLessThan(emu.control.deletedAppointmentIds().length);
    expect((await appointments()).some((a) => emu.control.deletedAppointmentIds().includes(a.Id))).toBe(false);
  });

  it('searches clients: digits match the id exactly, text matches name or email; includeProfile adds the profile', async () => {
    const target = emu.control.patients()[11];
    const byId = await getJson<IntakeqClientSummary[]>(`${emu.url}/clients?search=${target?.ClientId}`, auth());
    expect(byId).toEqual([{ ClientNumber: target?.ClientId, Name: target?.Name, Email: target?.Email, Phone: target?.Phone }]);
    const profile = await getJson<IntakeqClientProfile[]>(`${emu.url}/clients?search=${target?.ClientId}&IncludeProfile=true`, auth());
    expect(profile[0]?.ClientId).toBe(target?.ClientId);
    expect(profile[0]?.DateOfBirth === null || Number.isInteger(profile[0]?.DateOfBirth)).toBe(true);
    const { records } = await allIntakeqPages<IntakeqClientSummary>(`${emu.url}/clients`, emu.apiKey);
    const deleted = new Set(emu.control.deletedPatientIds());
    expect(records.map((c) => c.ClientNumber)).toEqual(
      emu.control
        .patients()
        .filter((c) => !deleted.has(c.ClientId))
        .map((c) => c.ClientId),
    );
    const byCustomField = await getJson<IntakeqClientProfile[]>(`${emu.url}/clients?custom.ref=Google&includeProfile=true`, auth());
    expect(byCustomField.length).toBeGreaterThan(0);
    expect(byCustomField.every((c) => JSON.stringify(c.CustomFields).includes('"Value":"Google"'))).toBe(true);
  });

  it('lists practitioners (inactive only on request) and the booking settings', async () => {
    const active = await getJson<IntakeqPractitioner[]>(`${emu.url}/practitioners`, auth());
    const all = await getJson<IntakeqPractitioner[]>(`${emu.url}/practitioners?includeInactive=true`, auth());
    expect(active.every((p) => !p.IsInactive)).toBe(true);
    expect(all.length).toBeGreaterThanOrEqual(active.length);
    const settings = await getJson<IntakeqSettings>(`${emu.url}/appointments/settings`, auth());
    expect(settings.Services.length).toBeGreaterThan(3);
    expect(settings.Locations.every((l) => typeof l.Id === 'string')).toBe(true);
    expect(settings.Practitioners.map((p) => p.Id).sort()).toEqual(active.map((p) => p.Id).sort());
  });
});
