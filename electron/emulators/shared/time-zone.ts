import { DAY_MS, HOUR_MS, MINUTE_MS } from './time';

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday. */
  weekday: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/**
 * Wall-clock arithmetic in a practice's IANA time zone without a date library: offsets come from
 * Intl and are cached per hour, which keeps generating 150,000 appointments fast.
 */
export class ZoneCalendar {
  private readonly format: Intl.DateTimeFormat;
  private readonly offsetCache = new Map<number, number>();

  constructor(readonly timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
  }

  parts(utcMs: number): LocalParts {
    const values: Record<string, string> = {};
    for (const part of this.format.formatToParts(utcMs)) values[part.type] = part.value;
    return {
      year: Number(values.year),
      month: Number(values.month),
      day: Number(values.day),
      hour: Number(values.hour),
      minute: Number(values.minute),
      second: Number(values.second),
      weekday: WEEKDAYS.indexOf(values.weekday ?? ''),
    };
  }

  /** Minutes the zone is ahead of UTC at this instant. */
  offsetMinutes(utcMs: number): number {
    const hourKey = Math.floor(utcMs / HOUR_MS);
    const cached = this.offsetCache.get(hourKey);
    if (cached !== undefined) return cached;
    const p = this.parts(hourKey * HOUR_MS);
    const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    const offset = Math.round((asUtc - hourKey * HOUR_MS) / MINUTE_MS);
    if (this.offsetCache.size > 100_000) this.offsetCache.clear();
    this.offsetCache.set(hourKey, offset);
    return offset;
  }

  /** The instant a local wall-clock time happens (month is 1-based). */
  toUtc(year: number, month: number, day: number, hour = 0, minute = 0): number {
    const wall = Date.UTC(year, month - 1, day, hour, minute);
    const guess = wall - this.offsetMinutes(wall) * MINUTE_MS;
    return wall - this.offsetMinutes(guess) * MINUTE_MS;
  }

  /** The instant a local calendar day (from its UTC-midnight representation) begins. */
  dayStart(dateUtcMidnight: number): number {
    const d = new Date(dateUtcMidnight);
    return this.toUtc(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }

  /** The local calendar day of an instant, as the UTC midnight of that date. */
  localDate(utcMs: number): number {
    const shifted = utcMs + this.offsetMinutes(utcMs) * MINUTE_MS;
    return Math.floor(shifted / DAY_MS) * DAY_MS;
  }
}
