/** Wall-clock times of day ("HH:MM", 24-hour), as written in settings and shown to staff. */
export const CLOCK_TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

export const MINUTES_PER_DAY = 24 * 60;

/** "07:30" → 450. The input must already match CLOCK_TIME_PATTERN (the settings schema sees to it). */
export function minuteOfDay(clockTime: string): number {
  const [hours, minutes] = clockTime.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/** 450 → "07:30". */
export function clockTimeOf(minuteOfDay: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(minuteOfDay / 60))}:${pad(minuteOfDay % 60)}`;
}
