import { minuteOfDay } from './clock-time';
import type { ScheduleSettings } from './schedule-settings';
import { addDays, instantOfLocalTime, localDateOf, weekdayOf } from './zoned-time';
import type { LocalDate } from './zoned-time';

export type SlotKind = 'nightly' | 'interval';

/** One moment at which a scheduled sync is due. */
export interface ScheduledSlot {
  at: Date;
  kind: SlotKind;
}

// Every enabled schedule has a slot at least once a week; a day either side covers zone edges.
const SEARCH_DAYS = 9;

/** The minutes of the day at which interval syncs run: from the window start (inclusive) to its end (exclusive). */
export function intervalMinutesOfDay(interval: ScheduleSettings['interval']): number[] {
  const minutes: number[] = [];
  const end = minuteOfDay(interval.windowEnd);
  for (let minute = minuteOfDay(interval.windowStart); minute < end; minute += interval.everyMinutes) minutes.push(minute);
  return minutes;
}

/**
 * The day's slots in time order. Local times are resolved by the DST rules of instantOfLocalTime, so
 * several times in a spring-forward gap collapse into one slot; when a nightly and an interval slot
 * coincide, the nightly one is kept.
 */
export function slotsOnDay(settings: ScheduleSettings, day: LocalDate): ScheduledSlot[] {
  const wanted: Array<{ minute: number; kind: SlotKind }> = [];
  if (settings.nightly.enabled) wanted.push({ minute: minuteOfDay(settings.nightly.time), kind: 'nightly' });
  if (settings.interval.enabled && settings.interval.weekdays.includes(weekdayOf(day))) {
    for (const minute of intervalMinutesOfDay(settings.interval)) wanted.push({ minute, kind: 'interval' });
  }
  const byInstant = new Map<number, ScheduledSlot>();
  for (const { minute, kind } of wanted) {
    const at = instantOfLocalTime(settings.timeZone, day, minute);
    if (!byInstant.has(at.getTime()) || kind === 'nightly') byInstant.set(at.getTime(), { at, kind });
  }
  return [...byInstant.values()].sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The first slot strictly after `after`; null while scheduled syncs are paused or none is turned on. */
export function nextRun(settings: ScheduleSettings, after: Date): ScheduledSlot | null {
  if (!settings.enabled) return null;
  const firstDay = addDays(localDateOf(after, settings.timeZone), -1);
  for (let offset = 0; offset <= SEARCH_DAYS; offset++) {
    const slot = slotsOnDay(settings, addDays(firstDay, offset)).find((candidate) => candidate.at > after);
    if (slot) return slot;
  }
  return null;
}

/** The latest slot at or before `at`; null while paused or when none is turned on. */
export function latestSlotAtOrBefore(settings: ScheduleSettings, at: Date): ScheduledSlot | null {
  if (!settings.enabled) return null;
  const lastDay = addDays(localDateOf(at, settings.timeZone), 1);
  for (let offset = 0; offset <= SEARCH_DAYS; offset++) {
    const slot = slotsOnDay(settings, addDays(lastDay, -offset)).findLast((candidate) => candidate.at <= at);
    if (slot) return slot;
  }
  return null;
}

/** How many slots fall in (after, upTo], counting no further than `limit` (a week away can be many). */
export function countSlotsBetween(settings: ScheduleSettings, after: Date, upTo: Date, limit: number): number {
  if (!settings.enabled) return 0;
  let count = 0;
  const lastDay = addDays(localDateOf(upTo, settings.timeZone), 1);
  for (let day = addDays(localDateOf(after, settings.timeZone), -1); !isAfter(day, lastDay); day = addDays(day, 1)) {
    for (const slot of slotsOnDay(settings, day)) {
      if (slot.at > after && slot.at <= upTo) count++;
      if (count >= limit) return limit;
    }
  }
  return count;
}

function isAfter(day: LocalDate, other: LocalDate): boolean {
  return Date.UTC(day.year, day.month - 1, day.day) > Date.UTC(other.year, other.month - 1, other.day);
}
