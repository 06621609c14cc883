import { describe, expect, it } from 'vitest';
import { formatDay as clinicDay, formatWhen } from '../../../renderer/src/lib/clinic-time';
import { shortDayParts } from '../../../renderer/src/components/day-sheet/day-keys';
import {
  ageOn,
  formatAppointmentTime,
  formatBirthDate,
  formatClock,
  formatCount,
  formatDateTime,
  formatDay,
  formatDuration,
  formatRelative,
  fullName,
  plural,
  safeZone,
} from '../../../renderer/src/lib/format';

const MEL = 'Australia/Melbourne';
// 30 Nov 2026, 10:00 in Melbourne (AEDT, UTC+11).
const NOW = new Date('2026-11-29T23:00:00Z');

describe('formatRelative', () => {
  const ago = (ms: number) => formatRelative(new Date(NOW.getTime() - ms).toISOString(), NOW, MEL);
  it('says "just now" for the last 45 seconds, in either direction', () => {
    expect(ago(0)).toBe('just now');
    expect(ago(44_000)).toBe('just now');
    expect(ago(-30_000)).toBe('just now');
  });
  it('counts minutes, then hours, then days', () => {
    expect(ago(50_000)).toBe('1 min ago');
    expect(ago(4 * 60_000)).toBe('4 min ago');
    expect(ago(59 * 60_000)).toBe('59 min ago');
    expect(ago(3 * 3600_000 + 20 * 60_000)).toBe('3 h ago');
    expect(ago(23 * 3600_000)).toBe('23 h ago');
    expect(ago(25 * 3600_000)).toBe('yesterday');
    expect(ago(5 * 86_400_000)).toBe('5 days ago');
  });
  it('gives the date after a week', () => {
    expect(ago(10 * 86_400_000)).toBe('20 Nov');
    expect(ago(400 * 86_400_000)).toBe('26 Oct 2025');
  });
  it('speaks of the future too', () => {
    expect(ago(-10 * 60_000)).toBe('in 10 min');
    expect(ago(-2 * 3600_000)).toBe('in 2 h');
    expect(ago(-30 * 3600_000)).toBe('tomorrow');
  });
});

describe('clock and dates in the clinic’s zone', () => {
  it('formats 24-hour clock times in the zone, not the computer’s', () => {
    expect(formatClock('2026-11-29T19:02:00Z', MEL)).toBe('06:02');
    expect(formatClock('2026-11-29T19:02:00Z', 'UTC')).toBe('19:02');
    expect(formatClock('2026-11-29T13:00:00Z', MEL)).toBe('00:00');
  });
  it('formats an unambiguous date and time', () => {
    expect(formatDateTime('2026-11-29T19:02:00Z', MEL)).toBe('30 Nov 2026, 06:02');
  });
  it('falls back to UTC for an unknown zone instead of throwing', () => {
    expect(safeZone('Mars/Olympus')).toBe('UTC');
    expect(formatClock('2026-11-29T19:02:00Z', 'Mars/Olympus')).toBe('19:02');
  });
  it('words "when" by calendar day in the zone, the one way every page says it', () => {
    expect(formatWhen('2026-11-29T19:02:00Z', NOW, MEL)).toBe('06:02 today');
    // 23:30 the day before, Melbourne time.
    expect(formatWhen('2026-11-29T12:30:00Z', NOW, MEL)).toBe('23:30 yesterday');
    expect(formatWhen('2026-11-26T19:02:00Z', NOW, MEL)).toBe('Fri 27 Nov, 06:02');
  });
  it('labels appointments Today / Tomorrow / weekday and date', () => {
    expect(formatAppointmentTime('2026-11-30T03:30:00Z', MEL, NOW)).toEqual({ day: 'Today', time: '14:30' });
    expect(formatAppointmentTime('2026-12-01T03:30:00Z', MEL, NOW)).toEqual({ day: 'Tomorrow', time: '14:30' });
    expect(formatAppointmentTime('2026-11-29T03:30:00Z', MEL, NOW)).toEqual({ day: 'Yesterday', time: '14:30' });
    expect(formatAppointmentTime('2026-11-29T22:30:00Z', MEL, NOW)).toEqual({ day: 'Today', time: '09:30' });
    expect(formatAppointmentTime('2026-12-01T22:30:00Z', MEL, NOW)).toEqual({ day: 'Wed 2 Dec', time: '09:30' });
    expect(formatAppointmentTime('2027-01-04T22:30:00Z', MEL, NOW)).toEqual({ day: 'Tue 5 Jan 2027', time: '09:30' });
  });
});

describe('birth dates', () => {
  it('formats YYYY-MM-DD without shifting the day through a time zone', () => {
    expect(formatBirthDate('1985-03-04')).toBe('4 Mar 1985');
    expect(formatBirthDate('2000-12-31')).toBe('31 Dec 2000');
    expect(formatBirthDate(null)).toBeNull();
    expect(formatBirthDate('1985-13-01')).toBeNull();
    expect(formatBirthDate('04/03/1985')).toBeNull();
  });
  it('computes age on today’s date in the zone', () => {
    expect(ageOn('1985-11-30', NOW, MEL)).toBe(41); // birthday today in Melbourne
    expect(ageOn('1985-11-30', NOW, 'UTC')).toBe(40); // still the 29th in UTC
    expect(ageOn('1985-12-01', NOW, MEL)).toBe(40);
    expect(ageOn(null, NOW, MEL)).toBeNull();
    expect(ageOn('2030-01-01', NOW, MEL)).toBeNull();
  });
});

describe('numbers and names', () => {
  it('groups thousands and pluralizes', () => {
    expect(formatCount(50000)).toBe('50,000');
    expect(plural(1, 'patient')).toBe('1 patient');
    expect(plural(1008, 'appointment')).toBe('1,008 appointments');
  });
  it('formats durations for people', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(3200)).toBe('3.2 s');
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    // One set of durations: "3 min 5 s", never "3 min 05 s"; whole seconds without ".0".
    expect(formatDuration(185_000)).toBe('3 min 5 s');
    expect(formatDuration(5000)).toBe('5 s');
    expect(formatDuration(59_600)).toBe('1 min');
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(26 * 3600_000)).toBe('26 h');
    expect(formatDuration(3600_000 + 4 * 60_000)).toBe('1 h 4 min');
  });
  it('never shows an empty name', () => {
    expect(fullName({ firstName: 'Ada', lastName: 'Lovelace' })).toBe('Ada Lovelace');
    expect(fullName({ firstName: '', lastName: '' })).toBe('Unnamed patient');
  });
});

describe('one date format everywhere', () => {
  it('writes September as "Sep" and the day unpadded in every day format, whatever the ICU version says', () => {
    const iso = '2026-09-07T01:00:00.000Z';
    const now = new Date('2026-09-01T00:00:00.000Z');
    expect(formatDay(iso, 'UTC', now)).toBe('7 Sep');
    expect(formatDateTime(iso, 'UTC')).toBe('7 Sep 2026, 01:00');
    expect(clinicDay(iso, 'UTC')).toBe('Mon 7 Sep');
    expect(shortDayParts('2026-09-07')).toEqual({ weekday: 'Mon', date: '7 Sep' });
  });
});
