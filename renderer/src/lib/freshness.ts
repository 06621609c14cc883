/** How much to trust the cache's appointments right now. */
export type FreshnessLevel = 'fresh' | 'aging' | 'stale' | 'never' | 'syncing';

export interface FreshnessSchedule {
  enabled: boolean;
  nightly: { enabled: boolean };
  interval: { enabled: boolean; everyMinutes: number; windowStart: string; windowEnd: string; weekdays: number[] };
  timeZone: string;
}

export interface Freshness {
  level: FreshnessLevel;
  /** Short text that says the level without colour: "Up to date", "Getting old", "Out of date". */
  label: string;
  /** Milliseconds since the last successful sync; null when there was none. */
  ageMs: number | null;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const FRESHNESS_LABELS: Record<FreshnessLevel, string> = {
  fresh: 'Up to date',
  aging: 'Getting old',
  stale: 'Out of date',
  never: 'Never synced',
  syncing: 'Syncing',
};

/**
 * After how long data turns amber, then red. A clinic syncing nightly expects data up to a day old:
 * amber after 26 h (a missed night), red after 48 h. While interval syncs are due (inside the active
 * window on an active weekday), staff expect data no older than a couple of intervals: amber after
 * two intervals, red after four, never stricter than 30 and 60 minutes.
 */
export function freshnessThresholds(schedule: FreshnessSchedule | null, now: Date): { amberMs: number; redMs: number } {
  const daily = { amberMs: 26 * HOUR, redMs: 48 * HOUR };
  if (!schedule || !schedule.enabled || !schedule.interval.enabled || !inIntervalWindow(schedule, now)) return daily;
  const every = schedule.interval.everyMinutes * MINUTE;
  return { amberMs: Math.max(2 * every, 30 * MINUTE), redMs: Math.max(4 * every, 60 * MINUTE) };
}

/** True when `now` is inside the interval window on one of its weekdays, in the schedule's zone. */
export function inIntervalWindow(schedule: FreshnessSchedule, now: Date): boolean {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: schedule.timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    weekday: 'short',
  }).formatToParts(now);
  const weekdayName = parts.find((p) => p.type === 'weekday')?.value ?? '';
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(weekdayName);
  const minutes = Number(parts.find((p) => p.type === 'hour')?.value) * 60 + Number(parts.find((p) => p.type === 'minute')?.value);
  const toMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  return (
    schedule.interval.weekdays.includes(weekday) &&
    minutes >= toMinutes(schedule.interval.windowStart) &&
    minutes < toMinutes(schedule.interval.windowEnd)
  );
}

/** The freshness of one source's data from when it last synced successfully. */
export function freshnessOf(input: {
  lastSuccessAt: string | null;
  syncing: boolean;
  now: Date;
  schedule: FreshnessSchedule | null;
}): Freshness {
  const { lastSuccessAt, syncing, now, schedule } = input;
  const ageMs = lastSuccessAt ? Math.max(0, now.getTime() - new Date(lastSuccessAt).getTime()) : null;
  let level: FreshnessLevel;
  if (syncing && ageMs === null) level = 'syncing';
  else if (ageMs === null) level = 'never';
  else {
    const { amberMs, redMs } = freshnessThresholds(schedule, now);
    level = ageMs >= redMs ? 'stale' : ageMs >= amberMs ? 'aging' : 'fresh';
  }
  return { level, label: FRESHNESS_LABELS[level], ageMs };
}

/** The worst of several sources' levels: what the header shows when it has room for one colour. */
export function worstFreshness(levels: FreshnessLevel[]): FreshnessLevel {
  const order: FreshnessLevel[] = ['never', 'stale', 'aging', 'syncing', 'fresh'];
  return order.find((level) => levels.includes(level)) ?? 'fresh';
}
