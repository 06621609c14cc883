/**
 * Times as staff read them: in the clinic's zone (settings.schedule.timeZone), never the browser's.
 * Pure functions over Intl; formatters are cached per zone because building one is slow.
 */

import { formatClock, monthName } from './format';

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${zone}|${JSON.stringify(options)}`;
  let found = cache.get(key);
  if (!found) {
    try {
      found = new Intl.DateTimeFormat('en-GB', { ...options, timeZone: zone });
    } catch {
      // An unknown zone (settings from another machine): show UTC rather than nothing.
      found = new Intl.DateTimeFormat('en-GB', { ...options, timeZone: 'UTC' });
    }
    cache.set(key, found);
  }
  return found;
}

function parts(iso: string | Date, zone: string): Record<string, string> {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  const out: Record<string, string> = {};
  for (const part of formatter(zone, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date)) {
    out[part.type] = part.value;
  }
  return out;
}

const asDate = (iso: string | Date): Date => (typeof iso === 'string' ? new Date(iso) : iso);

/** "10:42:07" */
export function formatClockSeconds(iso: string | Date, zone: string): string {
  return formatter(zone, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(asDate(iso));
}

/** "2026-12-02": the calendar day in the clinic's zone, for grouping and comparing. */
export function dayKey(iso: string | Date, zone: string): string {
  const p = parts(iso, zone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** "Tue 2 Dec" (with the year when it is not `thisYear`); assembled from parts, so every ICU reads the same. */
export function formatDay(iso: string | Date, zone: string, thisYear?: string): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  const out: Record<string, string> = {};
  for (const part of formatter(zone, { weekday: 'short', day: 'numeric', month: 'numeric', year: 'numeric' }).formatToParts(date)) {
    out[part.type] = part.value;
  }
  // Numeric months make Intl pad the day ("08/12"); the day is written unpadded.
  const text = `${out.weekday} ${Number(out.day)} ${monthName(out.month ?? '')}`;
  return thisYear !== undefined && out.year !== thisYear ? `${text} ${out.year}` : text;
}

/** "Tue 2 Dec, 09:30" */
export function formatDayTime(iso: string | Date, zone: string, thisYear?: string): string {
  return `${formatDay(iso, zone, thisYear)}, ${formatClock(asDate(iso).toISOString(), zone)}`;
}

/** Days between two YYYY-MM-DD keys (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** "Today", "Tomorrow", "Yesterday" or "Tue 2 Dec" for a day key, seen from `now`. */
export function dayLabel(key: string, now: Date, zone: string): string {
  const today = dayKey(now, zone);
  const diff = daysBetween(today, key);
  if (diff === 0) return 'Today';
  if (diff === 1) return 'Tomorrow';
  if (diff === -1) return 'Yesterday';
  // Noon UTC of that calendar day is the same calendar day in every zone within ±12 h; format it in UTC.
  const noon = new Date(`${key}T12:00:00Z`);
  return formatDay(noon, 'UTC', today.slice(0, 4));
}

/** "06:02 today", "18:40 yesterday", "03:00 tomorrow", "Tue 2 Dec, 09:30". */
export function formatWhen(iso: string, now: Date, zone: string): string {
  const diff = daysBetween(dayKey(now, zone), dayKey(iso, zone));
  if (diff === 0) return `${formatClock(iso, zone)} today`;
  if (diff === -1) return `${formatClock(iso, zone)} yesterday`;
  if (diff === 1) return `${formatClock(iso, zone)} tomorrow`;
  return formatDayTime(iso, zone, dayKey(now, zone).slice(0, 4));
}

/** The short zone name staff recognise, e.g. "AEDT", or the IANA name when there is none. */
export function zoneAbbreviation(zone: string, at: Date = new Date()): string {
  const part = formatter(zone, { timeZoneName: 'short' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? zone;
}

/** "2026-12-02T09:30": an instant as the clinic's wall-clock time (the value of a datetime-local input). */
export function toZonedInput(iso: string | Date, zone: string): string {
  const p = parts(iso, zone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** The instant (ISO, UTC) at which the clinic's wall clock reads `wall` ("2026-12-02T09:30"); null if malformed. */
export function fromZonedInput(wall: string, zone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(wall);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  if (Number.isNaN(asUtc)) return null;
  const offsetAt = (t: number): number => {
    const p = parts(new Date(t), zone);
    return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) - t;
  };
  // Two passes settle the offset on either side of a daylight-saving change.
  let instant = asUtc - offsetAt(asUtc);
  instant = asUtc - offsetAt(instant);
  return new Date(instant).toISOString();
}

/** The instant the clinic's day containing `at` began (ISO, UTC): "done today" starts there. */
export function startOfClinicDay(at: Date, zone: string): string {
  return fromZonedInput(`${dayKey(at, zone)}T00:00`, zone) ?? new Date(at.getTime() - 86_400_000).toISOString();
}
