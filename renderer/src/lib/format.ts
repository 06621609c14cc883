/**
 * Display formatting. Pure functions of their inputs (including `now` and the clinic's time zone),
 * so the same instant reads the same everywhere and tests need no clock.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const LOCALE = 'en-AU';

const formatterCache = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let key = timeZone;
  for (const name in options) key += `|${name}=${String(options[name as keyof Intl.DateTimeFormatOptions])}`;
  let cached = formatterCache.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(LOCALE, { timeZone: safeZone(timeZone), ...options });
    formatterCache.set(key, cached);
  }
  return cached;
}

/** A zone Intl accepts; an unknown zone falls back to UTC rather than throwing in the middle of a render. */
export function safeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat(LOCALE, { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/** Month names as the console writes them everywhere: "Sep", never ICU's "Sept". */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Sep" for 9 (1-based, as Intl's numeric month part is). */
export function monthName(month: number | string): string {
  return MONTHS[Number(month) - 1] ?? String(month);
}

function part(parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes): string {
  return parts.find((p) => p.type === type)?.value ?? '';
}

/**
 * Remembers the answers of a pure function of (instant, zone): the roster formats the same few
 * hundred instants again on every scroll, and Intl's formatToParts is the costly part.
 */
function memo<T>(fn: (iso: string, timeZone: string) => T): (iso: string, timeZone: string) => T {
  const cache = new Map<string, T>();
  return (iso, timeZone) => {
    const key = `${iso}|${timeZone}`;
    let value = cache.get(key);
    if (value === undefined) {
      if (cache.size > 5000) cache.clear();
      value = fn(iso, timeZone);
      cache.set(key, value);
    }
    return value;
  };
}

/** [year, month, day] of an instant in the zone. */
const calendarDate = memo((iso: string, timeZone: string): [number, number, number] => {
  const parts = formatter(timeZone, { year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(new Date(iso));
  return [Number(part(parts, 'year')), Number(part(parts, 'month')), Number(part(parts, 'day'))];
});

const dayNumberOf = memo((iso, timeZone) => {
  const [y, m, d] = calendarDate(iso, timeZone);
  return Math.round(Date.UTC(y, m - 1, d) / DAY);
});

/** The calendar day (in `timeZone`) an instant falls on, as a day number comparable by subtraction. */
export function zonedDayNumber(date: Date, timeZone: string): number {
  return dayNumberOf(date.toISOString(), timeZone);
}

function zonedYear(date: Date, timeZone: string): number {
  return calendarDate(date.toISOString(), timeZone)[0];
}

/** "06:02": 24-hour clock time in the zone. */
export const formatClock = memo((iso: string, timeZone: string): string => {
  const parts = formatter(timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
  return `${part(parts, 'hour')}:${part(parts, 'minute')}`;
});

/** "2 Dec" (or "2 Dec 2025" when not this year). */
export function formatDay(iso: string, timeZone: string, now: Date): string {
  const date = new Date(iso);
  const sameYear = zonedYear(date, timeZone) === zonedYear(now, timeZone);
  const parts = formatter(timeZone, { day: 'numeric', month: 'numeric', year: 'numeric' }).formatToParts(date);
  // Numeric months make Intl pad the day ("07/09/2026"); the day is written unpadded.
  const dayMonth = `${Number(part(parts, 'day'))} ${monthName(part(parts, 'month'))}`;
  return sameYear ? dayMonth : `${dayMonth} ${part(parts, 'year')}`;
}

/** "30 Nov 2026, 06:02" in the zone: the unambiguous form, for tooltips and details. */
export const formatDateTime = memo((iso: string, timeZone: string): string => {
  const parts = formatter(timeZone, { day: 'numeric', month: 'numeric', year: 'numeric' }).formatToParts(new Date(iso));
  return `${Number(part(parts, 'day'))} ${monthName(part(parts, 'month'))} ${part(parts, 'year')}, ${formatClock(iso, timeZone)}`;
});

/** An appointment's day and time in the clinic's zone: { day: "Today" | "Tomorrow" | "Tue 2 Dec", time: "09:30" }. */
export function formatAppointmentTime(iso: string, timeZone: string, now: Date): { day: string; time: string } {
  const date = new Date(iso);
  const days = zonedDayNumber(date, timeZone) - zonedDayNumber(now, timeZone);
  const time = formatClock(iso, timeZone);
  if (days === 0) return { day: 'Today', time };
  if (days === 1) return { day: 'Tomorrow', time };
  if (days === -1) return { day: 'Yesterday', time };
  const weekday = formatter(timeZone, { weekday: 'short' }).format(date);
  return { day: `${weekday} ${formatDay(iso, timeZone, now)}`, time };
}

/** "just now", "4 min ago", "3 h ago", "yesterday", "5 days ago", then the date; "in 10 min" for the future. */
export function formatRelative(iso: string, now: Date, timeZone = 'UTC'): string {
  const diff = now.getTime() - new Date(iso).getTime();
  const abs = Math.abs(diff);
  const future = diff < 0;
  if (abs < 45_000) return 'just now';
  let amount: string;
  if (abs < HOUR) amount = `${Math.max(1, Math.round(abs / MINUTE))} min`;
  else if (abs < DAY) amount = `${Math.floor(abs / HOUR)} h`;
  else if (abs < 7 * DAY) {
    const days = Math.floor(abs / DAY);
    if (days === 1) return future ? 'tomorrow' : 'yesterday';
    amount = `${days} days`;
  } else return formatDay(iso, timeZone, now);
  return future ? `in ${amount}` : `${amount} ago`;
}

/** A birth date (YYYY-MM-DD, no zone) as "4 Mar 1985"; null when missing or malformed. */
export function formatBirthDate(ymd: string | null): string | null {
  const match = ymd ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd) : null;
  if (!match) return null;
  const month = MONTHS[Number(match[2]) - 1];
  if (!month) return null;
  return `${Number(match[3])} ${month} ${match[1]}`;
}

/** Whole years between a birth date and today in the clinic's zone; null when unknown. */
export function ageOn(ymd: string | null, now: Date, timeZone: string): number | null {
  const match = ymd ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd) : null;
  if (!match) return null;
  const [y, m, d] = calendarDate(now.toISOString(), timeZone);
  const [by, bm, bd] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const age = y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
  return age >= 0 && age < 150 ? age : null;
}

const numberFormat = new Intl.NumberFormat(LOCALE);

/** "1,008" */
export function formatCount(n: number): string {
  return numberFormat.format(n);
}

/** "1 patient", "650 patients" (regular plurals only, or pass the plural). */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : pluralForm}`;
}

/**
 * How long something took or will take, the one way the console says it: "850 ms", "3.2 s", "5 s",
 * "42 s", "3 min 5 s", "1 h 4 min"; "—" when unknown.
 */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) {
    const tenths = Math.round(ms / 100);
    return tenths % 10 === 0 ? `${tenths / 10} s` : `${(tenths / 10).toFixed(1)} s`;
  }
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) {
    const s = seconds % 60;
    return s === 0 ? `${Math.floor(seconds / 60)} min` : `${Math.floor(seconds / 60)} min ${s} s`;
  }
  const minutes = Math.round(seconds / 60);
  const m = minutes % 60;
  return m === 0 ? `${Math.floor(minutes / 60)} h` : `${Math.floor(minutes / 60)} h ${m} min`;
}

/** "1.2 MB" */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** "Ada Lovelace"; a patient with no name on record still reads as something. */
export function fullName(p: { firstName: string; lastName: string }): string {
  return `${p.firstName} ${p.lastName}`.trim() || 'Unnamed patient';
}
