import type { ScheduleSettings } from './schedule-settings';
import { nextRun } from './slots';
import { everyPhrase, weekdaysPhrase, whenPhrase } from './wording';

/**
 * The schedule in one or two plain sentences for the tray and `clinicsync status`, e.g.
 * "Nightly at 03:00 (Australia/Melbourne), and every 60 minutes 07:00–19:00 on weekdays. Next sync: tomorrow at 03:00."
 */
export function describeSchedule(settings: ScheduleSettings, now: Date): string {
  if (!settings.enabled) return 'Scheduled syncs are paused.';
  const parts: string[] = [];
  if (settings.nightly.enabled) parts.push(`nightly at ${settings.nightly.time}`);
  if (settings.interval.enabled) {
    const { everyMinutes, windowStart, windowEnd, weekdays } = settings.interval;
    parts.push(`${everyPhrase(everyMinutes)} ${windowStart}–${windowEnd} ${weekdaysPhrase(weekdays)}`);
  }
  const [first, ...rest] = parts;
  if (first === undefined) return 'No scheduled syncs are turned on.';
  const schedule = [`${first} (${settings.timeZone})`, ...rest].join(', and ');
  const next = nextRun(settings, now);
  const nextSentence = next ? ` Next sync: ${whenPhrase(next.at, settings.timeZone, now)}.` : '';
  return `${schedule.charAt(0).toUpperCase()}${schedule.slice(1)}.${nextSentence}`;
}
