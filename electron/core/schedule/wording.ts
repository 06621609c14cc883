import { DateTime } from 'luxon';

// Fixed locale, so activity-log lines read the same on every machine.
const LOCALE = 'en-GB';
const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function inZone(at: Date, zone: string): DateTime {
  return DateTime.fromJSDate(at, { zone }).setLocale(LOCALE);
}

/** How many calendar days `at` lies after `now` in the zone (0 = same day); rounded, as DST days are 23 or 25 hours. */
function daysApart(at: Date, now: Date, zone: string): number {
  return Math.round(inZone(at, zone).startOf('day').diff(inZone(now, zone).startOf('day'), 'days').days);
}

/** "03:00" for a time today, "Tue 4 Mar 03:00" otherwise. */
export function slotLabel(at: Date, zone: string, now: Date): string {
  const local = inZone(at, zone);
  return daysApart(at, now, zone) === 0 ? local.toFormat('HH:mm') : local.toFormat('ccc d LLL HH:mm');
}

/** "today at 19:00", "tomorrow at 03:00", "on Tue 4 Mar at 03:00". */
export function whenPhrase(at: Date, zone: string, now: Date): string {
  const local = inZone(at, zone);
  const time = local.toFormat('HH:mm');
  const days = daysApart(at, now, zone);
  if (days === 0) return `today at ${time}`;
  if (days === 1) return `tomorrow at ${time}`;
  return `on ${local.toFormat('ccc d LLL')} at ${time}`;
}

/** "every day", "on weekdays", "on weekends", or "on Mon, Wed and Fri". */
export function weekdaysPhrase(weekdays: readonly number[]): string {
  const sorted = [...weekdays].sort((a, b) => a - b);
  const key = sorted.join(',');
  if (key === '0,1,2,3,4,5,6') return 'every day';
  if (key === '1,2,3,4,5') return 'on weekdays';
  if (key === '0,6') return 'on weekends';
  const names = sorted.map((day) => WEEKDAY_NAMES[day] ?? String(day));
  return names.length === 1 ? `on ${names[0]}` : `on ${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** "every 30 minutes", "every 60 minutes", "every 2 hours". */
export function everyPhrase(minutes: number): string {
  return minutes > 60 && minutes % 60 === 0 ? `every ${minutes / 60} hours` : `every ${minutes} minutes`;
}

/** "Sun 6 Dec 08:21" in the zone; the year is added when it is not the year of `now` ("Fri 5 Dec 2025 08:21"). */
export function readableTime(at: Date, zone: string, now: Date): string {
  const local = inZone(at, zone);
  return local.year === inZone(now, zone).year ? local.toFormat('ccc d LLL HH:mm') : local.toFormat('ccc d LLL yyyy HH:mm');
}
