import { DateTime, Info } from 'luxon';
import { whenPhrase } from '../../core/schedule/wording';

/** The zone itself when valid, else the system's: a bad zone must not turn the tray into "Invalid DateTime". */
function usableZone(zone: string): string {
  return Info.isValidIANAZone(zone) ? zone : 'system';
}

/** "today at 19:00", "tomorrow at 03:00", "on Tue 4 Mar at 03:00" (in the clinic's zone). */
export function futurePhrase(iso: string, zone: string, now: Date): string {
  return whenPhrase(new Date(iso), usableZone(zone), now);
}

/** "today at 03:02", "yesterday at 19:00", "on Tue 4 Mar at 03:00" (in the clinic's zone). */
export function pastPhrase(iso: string, zone: string, now: Date): string {
  const at = DateTime.fromJSDate(new Date(iso), { zone: usableZone(zone) }).setLocale('en-GB');
  const today = DateTime.fromJSDate(now, { zone: usableZone(zone) }).startOf('day');
  const days = Math.round(today.diff(at.startOf('day'), 'days').days);
  const time = at.toFormat('HH:mm');
  if (days <= 0) return `today at ${time}`;
  if (days === 1) return `yesterday at ${time}`;
  return `on ${at.toFormat('ccc d LLL')} at ${time}`;
}
