import type { ScheduleSettings } from './schedule-settings';
import { slotsOnDay, type SlotKind } from './slots';
import { addDays, instantOfLocalTime, localDateOf } from './zoned-time';

/** How many slots of each kind fall in (after, upTo): the scheduled syncs still to come before a budget resets at `upTo`. */
export function slotsLeft(settings: ScheduleSettings, after: Date, upTo: Date): Record<SlotKind, number> {
  const left: Record<SlotKind, number> = { nightly: 0, interval: 0 };
  if (!settings.enabled || upTo <= after) return left;
  const last = localDateOf(upTo, settings.timeZone);
  for (let day = addDays(localDateOf(after, settings.timeZone), -1); ; day = addDays(day, 1)) {
    for (const slot of slotsOnDay(settings, day)) if (slot.at > after && slot.at < upTo) left[slot.kind]++;
    if (day.year === last.year && day.month === last.month && day.day === last.day) return left;
  }
}

/** The instant today began in the clinic's zone: where a near run's appointments start. */
export function startOfLocalDay(at: Date, zone: string): Date {
  return instantOfLocalTime(zone, localDateOf(at, zone), 0);
}
