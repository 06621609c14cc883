/**
 * A time of day as staff type it — "3", "3:00", "0300", "15.30", "7:5" is refused — read as the
 * 24-hour "HH:MM" the schedule stores. Null when it is not a time of day.
 */
export function parseClockText(text: string): string | null {
  const match = /^\s*(\d{1,2})(?:[:.h ]?(\d{2}))?\s*$/.exec(text);
  if (!match) return null;
  const hour = Number(match[1]);
  const minute = match[2] === undefined ? 0 : Number(match[2]);
  if (hour > 23 || minute > 59) return null;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}
