import { minuteOfDay } from './clock-time';
import type { ScheduleSettings } from './schedule-settings';
import { intervalMinutesOfDay } from './slots';
import type { SlotKind } from './slots';

/** A five-field cron expression for node-cron, to be run in the settings' time zone. */
export interface CronSchedule {
  expression: string;
  kind: SlotKind;
}

/**
 * Cron expressions that fire at the slots nextRun computes (on ordinary days; around DST changes
 * node-cron may skip or shift a time, which the scheduler's wall-clock check makes up for).
 * Interval slots are grouped by hour: hours that share the same minutes share one expression, so a
 * window like 07:40–10:00 every 30 minutes becomes "40 7" plus "10,40 8,9".
 */
export function cronExpressions(settings: ScheduleSettings): CronSchedule[] {
  if (!settings.enabled) return [];
  const schedules: CronSchedule[] = [];
  if (settings.nightly.enabled) {
    const minute = minuteOfDay(settings.nightly.time);
    schedules.push({ expression: `${minute % 60} ${Math.floor(minute / 60)} * * *`, kind: 'nightly' });
  }
  if (settings.interval.enabled && settings.interval.weekdays.length > 0) {
    const weekdays = settings.interval.weekdays.join(',');
    for (const [minutes, hours] of hoursByMinuteSet(intervalMinutesOfDay(settings.interval))) {
      schedules.push({ expression: `${minutes} ${hours.join(',')} * * ${weekdays}`, kind: 'interval' });
    }
  }
  return schedules;
}

/** Minute lists ("10,40") mapped to the hours that use exactly those minutes. */
function hoursByMinuteSet(minutesOfDay: number[]): Map<string, number[]> {
  const minutesByHour = new Map<number, number[]>();
  for (const minute of minutesOfDay) {
    const hour = Math.floor(minute / 60);
    minutesByHour.set(hour, [...(minutesByHour.get(hour) ?? []), minute % 60]);
  }
  const hoursByMinutes = new Map<string, number[]>();
  for (const [hour, minutes] of minutesByHour) {
    const key = minutes.join(',');
    hoursByMinutes.set(key, [...(hoursByMinutes.get(key) ?? []), hour]);
  }
  return hoursByMinutes;
}
