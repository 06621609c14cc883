import { IANAZone } from 'luxon';
import { z } from 'zod';
import { ConnectorError } from '../errors';
import { PAGE_SIZE, type ClinikoApi } from './cliniko-api';

/**
 * Where a Cliniko practice is, for the clinic's time zone: the IANA zone its businesses (locations)
 * are in (`time_zone_identifier`; spec §9.4 — the `time_zone` beside it is a label such as "Melbourne",
 * not a zone name), else the zone of the user the key belongs to (`GET /user` `time_zone`, spec §9.6).
 */

const businessZones = z.object({
  businesses: z.array(z.object({ time_zone_identifier: z.unknown() })),
});
const userZone = z.object({ time_zone: z.unknown() });

/** The canonical IANA name ("Australia/Melbourne") of a zone the clinic's settings accept; null for a label, an unknown name or none. */
export function ianaZone(value: unknown): string | null {
  if (typeof value !== 'string' || !IANAZone.isValidZone(value)) return null;
  return new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone;
}

/** The zone most businesses are in (the first listed on a tie), or null when none names an IANA zone. */
export function mostCommonZone(zones: readonly unknown[]): string | null {
  const counts = new Map<string, number>();
  for (const zone of zones.map(ianaZone)) if (zone) counts.set(zone, (counts.get(zone) ?? 0) + 1);
  let best: string | null = null;
  for (const [zone, count] of counts) if (best === null || count > (counts.get(best) ?? 0)) best = zone;
  return best;
}

/** A key whose role may not read businesses or the user still connects: the zone is then simply unknown. */
async function readable<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (err) {
    if (err instanceof ConnectorError && (err.kind === 'permission_denied' || err.kind === 'not_found')) return null;
    throw err;
  }
}

/** The practice's IANA time zone as Cliniko reports it, or null when it names none. Two requests at most. */
export async function clinikoPracticeTimeZone(api: ClinikoApi, signal?: AbortSignal): Promise<string | null> {
  const listed = await readable(() => api.get('/businesses', 'businesses', signal, [['per_page', String(PAGE_SIZE)]]));
  const businesses = businessZones.safeParse(listed?.value);
  const fromBusinesses = businesses.success ? mostCommonZone(businesses.data.businesses.map((b) => b.time_zone_identifier)) : null;
  if (fromBusinesses) return fromBusinesses;
  const user = await readable(() => api.get('/user', 'your user account', signal));
  const parsed = userZone.safeParse(user?.value);
  return parsed.success ? ianaZone(parsed.data.time_zone) : null;
}
