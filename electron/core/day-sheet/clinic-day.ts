import { DateTime, IANAZone } from 'luxon';
import type { DayKey } from '../domain';
import { UserFacingError } from '../errors';

const DAY_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A day's bounds in the clinic's zone: [from, to) as UTC instants, and how many hours it has. */
export interface DayBounds {
  from: string;
  to: string;
  hours: number;
}

/** "2026-04-05" names a real calendar day. */
export function isDayKey(value: string): boolean {
  return DAY_KEY.test(value) && DateTime.fromISO(value, { zone: 'UTC' }).isValid;
}

function checkedZone(zone: string): string {
  if (!IANAZone.isValidZone(zone)) throw new UserFacingError('invalid_time_zone', `"${zone}" is not a time zone ClinicSync knows.`);
  return zone;
}

function startOf(day: DayKey, zone: string): DateTime {
  if (!isDayKey(day)) throw new UserFacingError('invalid_date', `"${day}" is not a date: use YYYY-MM-DD, e.g. 2026-03-09.`);
  // startOf('day') also settles zones whose clocks skip midnight itself: the day starts when it does.
  return DateTime.fromISO(day, { zone: checkedZone(zone) }).startOf('day');
}

/**
 * The instants a clinic day runs between. Days are counted on the clinic's calendar, not in 24-hour
 * steps, so the day clocks go forward has 23 hours and the day they go back has 25.
 */
export function dayBounds(day: DayKey, zone: string): DayBounds {
  const start = startOf(day, zone);
  const end = start.plus({ days: 1 }).startOf('day');
  return {
    from: start.toUTC().toISO() as string,
    to: end.toUTC().toISO() as string,
    hours: end.diff(start, 'hours').hours,
  };
}

/** The bounds of `days` consecutive clinic days starting with `day`. */
export function spanBounds(day: DayKey, days: number, zone: string): { from: string; to: string } {
  const start = startOf(day, zone);
  return { from: start.toUTC().toISO() as string, to: start.plus({ days }).startOf('day').toUTC().toISO() as string };
}

/** The clinic day an instant falls on. */
export function dayOf(instant: Date | string, zone: string): DayKey {
  const at = typeof instant === 'string' ? DateTime.fromISO(instant) : DateTime.fromJSDate(instant);
  return at.setZone(checkedZone(zone)).toISODate() as string;
}

/** The day `days` calendar days after (or before) `day`. */
export function shiftDay(day: DayKey, days: number): DayKey {
  if (!isDayKey(day)) throw new UserFacingError('invalid_date', `"${day}" is not a date: use YYYY-MM-DD.`);
  return DateTime.fromISO(day, { zone: 'UTC' }).plus({ days }).toISODate() as string;
}

/** The Monday of the week `day` is in (clinic weeks run Monday to Sunday). */
export function mondayOf(day: DayKey): DayKey {
  if (!isDayKey(day)) throw new UserFacingError('invalid_date', `"${day}" is not a date: use YYYY-MM-DD.`);
  return DateTime.fromISO(day, { zone: 'UTC' }).startOf('week').toISODate() as string;
}

/** "today", "tomorrow", "yesterday" or a YYYY-MM-DD date, as a clinic day seen from `now`. */
export function resolveDay(choice: string, now: Date, zone: string): DayKey {
  const today = dayOf(now, zone);
  const word = choice.trim().toLowerCase();
  if (word === 'today') return today;
  if (word === 'tomorrow') return shiftDay(today, 1);
  if (word === 'yesterday') return shiftDay(today, -1);
  if (isDayKey(word)) return word;
  throw new UserFacingError('invalid_date', `"${choice}" is not a day: use today, tomorrow, yesterday or a date like 2026-03-09.`);
}
