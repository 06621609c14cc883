import { describe, expect, it } from 'vitest';
import { startClinikoEmulator, startIntakeqEmulator } from '../../../electron/emulators';
import { clinikoHeaders, FIXED_NOW, getJson, TEST_OPTIONS } from './helpers';

const DAY = 86_400_000;

describe('seeded datasets', () => {
  it('gives the same practice for the same seed and clock, and a different one for another seed', async () => {
    const [a, b, c] = await Promise.all([
      startClinikoEmulator({ ...TEST_OPTIONS, patients: 120, seed: 7 }),
      startClinikoEmulator({ ...TEST_OPTIONS, patients: 120, seed: 7 }),
      startClinikoEmulator({ ...TEST_OPTIONS, patients: 120, seed: 8 }),
    ]);
    try {
      expect(b.control.patients()).toEqual(a.control.patients());
      expect(b.control.appointments()).toEqual(a.control.appointments());
      expect(b.apiKey).toBe(a.apiKey);
      const firstPage = async (emu: typeof a): Promise<unknown> =>
        (await getJson<{ patients: unknown }>(`${emu.url}/patients`, clinikoHeaders(emu.apiKey))).patients;
      expect(await firstPage(b)).toEqual(await firstPage(a));
      expect(c.control.patients().map((p) => p.last_name)).not.toEqual(a.control.patients().map((p) => p.last_name));
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });

  it('builds the practice at the clock’s whole second, so a clock started at an anchor rebuilds it exactly', async () => {
    // However long start-up takes (within the second), the practice is the anchor's.
    const [onTime, late] = await Promise.all([
      startIntakeqEmulator({ ...TEST_OPTIONS, patients: 60, now: () => FIXED_NOW }),
      startIntakeqEmulator({ ...TEST_OPTIONS, patients: 60, now: () => new Date(FIXED_NOW.getTime() + 999) }),
    ]);
    try {
      expect(late.control.patients()).toEqual(onTime.control.patients());
      expect(late.control.appointments()).toEqual(onTime.control.appointments());
    } finally {
      await Promise.all([onTime.close(), late.close()]);
    }
  });

  it('builds a realistic Cliniko practice around the clock', async () => {
    const emu = await startClinikoEmulator({ ...TEST_OPTIONS, patients: 1000 });
    try {
      const patients = emu.control.patients();
      const appointments = emu.control.appointments();
      const practitioners = emu.control.practitioners();
      expect(patients).toHaveLength(1000);
      expect(practitioners).toHaveLength(10);
      expect(appointments.length / patients.length).toBeGreaterThanOrEqual(2);
      expect(appointments.length / patients.length).toBeLessThanOrEqual(4);
      const archived = patients.filter((p) => p.archived_at !== null).length / patients.length;
      expect(archived).toBeGreaterThan(0.01);
      expect(archived).toBeLessThan(0.06);
      const emails = patients.flatMap((p) => (p.email ? [p.email.toLowerCase()] : []));
      expect(new Set(emails).size).toBe(emails.length);
      expect(emails.length).toBeLessThan(patients.length);
      expect(new Set(patients.map((p) => p.first_name)).size).toBeGreaterThan(100);
      const starts = appointments.map((a) => Date.parse(a.starts_at) - FIXED_NOW.getTime());
      expect(Math.min(...starts)).toBeGreaterThanOrEqual(-181 * DAY);
      expect(Math.max(...starts)).toBeLessThanOrEqual(181 * DAY);
      expect(appointments.some((a) => a.did_not_arrive)).toBe(true);
      expect(appointments.some((a) => a.patient_arrived)).toBe(true);
      expect(appointments.some((a) => a.cancelled_at !== null)).toBe(true);
      expect(appointments.every((a) => a.telehealth_url.startsWith('https://'))).toBe(true);
      const types = emu.control.appointmentTypes();
      expect(types.some((t) => t.telehealth_enabled)).toBe(true);
      expect(types.some((t) => !t.telehealth_enabled)).toBe(true);
      expect(appointments.every((a) => a.updated_at >= a.created_at && a.created_at <= FIXED_NOW.toISOString())).toBe(true);
    } finally {
      await emu.close();
    }
  });

  it('builds a realistic IntakeQ practice in the practice’s time zone', async () => {
    const emu = await startIntakeqEmulator({ ...TEST_OPTIONS, patients: 300 });
    try {
      const appointments = emu.control.appointments();
      const statuses = new Set(appointments.map((a) => a.Status));
      expect(statuses).toEqual(new Set(['Confirmed', 'WaitingConfirmation', 'Canceled', 'Missed', 'Declined']));
      expect(emu.control.practitioners()).toHaveLength(3);
      const clientIds = emu.control.patients().map((c) => c.ClientId);
      expect(clientIds).toEqual(clientIds.map((_, i) => i + 1));
      // Business hours are 08:00–18:00 in New York.
      const hours = appointments.map((a) => Number(a.StartDateLocal.slice(11, 13)));
      expect(Math.min(...hours)).toBeGreaterThanOrEqual(8);
      expect(Math.max(...hours)).toBeLessThanOrEqual(17);
      expect(appointments.every((a) => a.ClientDateOfBirth === null || /^\d{4}-\d{2}-\d{2}$/.test(a.ClientDateOfBirth))).toBe(true);
    } finally {
      await emu.close();
    }
  });

  it('refuses practice sizes outside 10 to 50,000', async () => {
    await expect(startClinikoEmulator({ ...TEST_OPTIONS, patients: 9 })).rejects.toThrow(RangeError);
    await expect(startIntakeqEmulator({ ...TEST_OPTIONS, patients: 50_001 })).rejects.toThrow(RangeError);
  });
});
