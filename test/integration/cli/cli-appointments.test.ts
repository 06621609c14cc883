import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DaySheet, RemoteAppointment } from '../../../electron/core/domain';
import { openDirectCliCache, type DirectCliCache } from '../../support/direct-cli-cache';
import { runCli } from '../../support/run-cli';

const DAY = '2026-04-05'; // Melbourne's daylight saving ends that day: 25 hours, 13:00Z to 14:00Z next day
let clinic: DirectCliCache;
let env: NodeJS.ProcessEnv;

function appointment(externalId: string, startsAt: string, overrides: Partial<RemoteAppointment> = {}): RemoteAppointment {
  return {
    source: 'north',
    externalId,
    patientExternalId: '9000000000000001',
    practitionerExternalId: '1',
    practitionerName: 'Dr Mei Chen',
    serviceName: 'Initial consult',
    locationName: 'Main St',
    startsAt,
    endsAt: null,
    status: 'booked',
    cancelledAt: null,
    cancellationReason: null,
    telehealthUrl: null,
    deleted: false,
    remoteUpdatedAt: '2026-03-01T00:00:00.000Z',
    ...overrides,
  };
}

/** A cache filled directly (not by a sync): the day sheet's command is under test here. */
beforeAll(() => {
  // The clinic's zone: the schedule's default is this computer's.
  clinic = openDirectCliCache('appointments', { TZ: 'Australia/Melbourne' });
  env = clinic.env;
  const { cache } = clinic;
  cache.patients.upsertPage(
    'north',
    [
      {
        source: 'north',
        externalId: '9000000000000001',
        firstName: 'Aroha',
        lastName: 'Ngata',
        email: null,
        phone: null,
        dateOfBirth: null,
        archived: false,
        deleted: false,
        remoteUpdatedAt: null,
      },
    ],
    '2026-03-01T00:00:00.000Z',
  );
  cache.appointments.upsertPage(
    'north',
    [
      appointment('1', '2026-04-04T12:59:00.000Z'), // 23:59 the day before
      appointment('2', '2026-04-04T13:00:00.000Z'), // 00:00
      appointment('3', '2026-04-04T16:30:00.000Z', {
        practitionerName: 'Sam Ortiz',
        telehealthUrl: 'https://video.example.test/r/3',
        endsAt: '2026-04-04T17:00:00.000Z',
      }), // 02:30 the second time (at 03:00 the clocks went back to 02:00)
      appointment('4', '2026-04-04T15:30:00.000Z', { status: 'cancelled', cancellationReason: 'Unwell' }), // 02:30 the first time
      appointment('5', '2026-04-05T13:59:00.000Z'), // 23:59, the 25th hour's end
      appointment('6', '2026-04-05T14:00:00.000Z'), // midnight, the next day
    ],
    '2026-03-01T00:00:00.000Z',
    null,
  );
  cache.close();
}, 60_000);

afterAll(() => clinic.remove());

describe('clinicsync appointments', () => {
  it('prints the clinic day as JSON: a 25-hour day on the day the clocks go back, cancelled hidden', async () => {
    const out = await runCli(['appointments', '--date', DAY, '--format', 'json'], env);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const sheet = JSON.parse(out.stdout) as DaySheet;
    expect(sheet).toMatchObject({
      date: DAY,
      timeZone: 'Australia/Melbourne',
      from: '2026-04-04T13:00:00.000Z',
      to: '2026-04-05T14:00:00.000Z',
      hours: 25,
    });
    expect(sheet.rows.map((r) => r.externalId)).toEqual(['2', '3', '5']);
    expect(sheet.totalForDay).toBe(4);
    expect(sheet.rows[0]).toMatchObject({ patientName: 'Aroha Ngata', sourceName: 'Northside' });
  });

  it('prints a table staff can read, filtered by practitioner (any case) and status', async () => {
    const out = await runCli(['appointments', '--date', DAY, '--practitioner', 'sam ortiz'], env);
    expect(out.code).toBe(0);
    const lines = out.stdout.split('\n');
    expect(lines[0]).toBe(
      'Appointments on Sunday 5 April 2026 (clinic time, Australia/Melbourne): 1 appointment shown of 4 (cancelled ones hidden unless asked for)',
    );
    expect(lines[1]).toBe('Not yet synced for this day (Northside).');
    expect(out.stdout).toMatch(/TIME\s+PATIENT\s+PRACTITIONER/);
    expect(out.stdout).toMatch(/02:30–03:00\s+Aroha Ngata\s+Sam Ortiz\s+Initial consult\s+Main St\s+Booked\s+yes/);

    const cancelled = await runCli(['appointments', '--date', DAY, '--status', 'cancelled'], env);
    expect(cancelled.stdout).toMatch(/02:30\s+Aroha Ngata\s+Dr Mei Chen .*Cancelled/);
    expect(cancelled.stdout).not.toMatch(/Sam Ortiz/);
  });

  it('writes CSV and an iCalendar file that parses back', async () => {
    const csv = await runCli(['appointments', '--date', DAY, '--format', 'csv'], env);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\r\n').filter(Boolean)).toEqual([
      'date,start,end,patient,practitioner,service,location,status,telehealth,changed,source,startsAtUtc,appointmentId',
      '2026-04-05,00:00,,Aroha Ngata,Dr Mei Chen,Initial consult,Main St,Booked,,,Northside,2026-04-04T13:00:00.000Z,2',
      '2026-04-05,02:30,03:00,Aroha Ngata,Sam Ortiz,Initial consult,Main St,Booked,https://video.example.test/r/3,,Northside,2026-04-04T16:30:00.000Z,3',
      '2026-04-05,23:59,,Aroha Ngata,Dr Mei Chen,Initial consult,Main St,Booked,,,Northside,2026-04-05T13:59:00.000Z,5',
    ]);
    const ics = await runCli(['appointments', '--date', DAY, '--format', 'ics'], env);
    const events = new ICAL.Component(ICAL.parse(ics.stdout)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.startDate.toJSDate().toISOString())).toEqual([
      '2026-04-04T13:00:00.000Z',
      '2026-04-04T16:30:00.000Z',
      '2026-04-05T13:59:00.000Z',
    ]);
  });

  it('refuses a day that is not one with exit code 2, and says what it takes', async () => {
    for (const date of ['2026-02-30', 'someday']) {
      const out = await runCli(['appointments', '--date', date], env);
      expect(out.code).toBe(2);
      expect(out.stderr).toMatch(/today, tomorrow, yesterday or a date like 2026-03-09/);
    }
    expect((await runCli(['appointments', '--format', 'pdf'], env)).code).toBe(2);
    const today = await runCli(['appointments', '--date', 'tomorrow', '--format', 'json'], env);
    expect(today.code).toBe(0);
  });
});
