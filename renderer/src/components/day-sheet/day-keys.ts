/**
 * Calendar-day keys ("2026-03-09") as the day sheet pages through them. Pure arithmetic on the
 * calendar (never 24-hour steps), so a daylight-saving day is still one step.
 */

import { monthName } from '../../lib/format';

const asUtcNoon = (key: string): Date => new Date(`${key}T12:00:00Z`);

export function isDayKey(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(asUtcNoon(value).getTime()) && asUtcNoon(value).toISOString().startsWith(value);
}

export function shiftDayKey(key: string, days: number): string {
  const date = asUtcNoon(key);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The Monday of the key's week (clinic weeks run Monday to Sunday). */
export function mondayOfKey(key: string): string {
  const weekday = (asUtcNoon(key).getUTCDay() + 6) % 7;
  return shiftDayKey(key, -weekday);
}

/** "Thursday 5 March 2026" (read in UTC at noon: the same calendar day everywhere). */
export function longDayName(key: string): string {
  return new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    asUtcNoon(key),
  );
}

/** "Thu" and "5 Mar" for the week strip. */
export function shortDayParts(key: string): { weekday: string; date: string } {
  const date = asUtcNoon(key);
  return {
    weekday: new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone: 'UTC' }).format(date),
    date: `${date.getUTCDate()} ${monthName(date.getUTCMonth() + 1)}`,
  };
}
