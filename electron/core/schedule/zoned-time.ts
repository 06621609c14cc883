import { DateTime, IANAZone } from 'luxon';

/** A calendar day in some zone, without a time. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** The calendar day an instant falls on in a zone. */
export function localDateOf(instant: Date, zone: string): LocalDate {
  const local = DateTime.fromJSDate(instant, { zone });
  return { year: local.year, month: local.month, day: local.day };
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday, the numbering cron and the settings use. */
export function weekdayOf(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/**
 * The instant at which a zone's clocks show `minuteOfDay` on `date`.
 * A time skipped by a spring-forward change resolves to the first valid instant after the gap (the
 * moment of the change); a time shown twice by a fall-back change resolves to its first occurrence,
 * so a sync set for that time runs once. (luxon alone shifts gap times by the gap's length and picks
 * either occurrence depending on the zone, hence this function.)
 */
export function instantOfLocalTime(zone: string, date: LocalDate, minuteOfDay: number): Date {
  const tz = IANAZone.create(zone);
  const wallAsUtc = Date.UTC(date.year, date.month - 1, date.day, 0, minuteOfDay);
  // Any offset that could apply is in force within a day of the wall time.
  const offsets = [...new Set([wallAsUtc - DAY_MS, wallAsUtc, wallAsUtc + DAY_MS].map((ms) => tz.offset(ms)))];
  const readsBack = offsets
    .map((offset) => wallAsUtc - offset * MINUTE_MS)
    .filter((ms) => ms + tz.offset(ms) * MINUTE_MS === wallAsUtc)
    .sort((a, b) => a - b);
  const first = readsBack[0];
  if (first !== undefined) return new Date(first);
  const candidates = offsets.map((offset) => wallAsUtc - offset * MINUTE_MS);
  return new Date(firstInstantWithNewOffset(tz, Math.min(...candidates), Math.max(...candidates)));
}

/** Binary search, to the minute, for the zone's offset change between two instants. */
function firstInstantWithNewOffset(tz: IANAZone, fromMs: number, toMs: number): number {
  const offsetBefore = tz.offset(fromMs);
  let low = Math.floor(fromMs / MINUTE_MS);
  let high = Math.ceil(toMs / MINUTE_MS);
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (tz.offset(middle * MINUTE_MS) === offsetBefore) low = middle;
    else high = middle;
  }
  return high * MINUTE_MS;
}
