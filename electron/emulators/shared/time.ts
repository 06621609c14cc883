export const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** ISO-8601 UTC with second precision, the way both APIs print instants: 2016-07-21T03:45:00Z. */
export function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** The UTC calendar date of an instant, YYYY-MM-DD. */
export function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a strict YYYY-MM-DD calendar date to its UTC midnight, or null when it is not a real date. */
export function parseDateOnly(value: string): number | null {
  const match = DATE_ONLY.exec(value);
  if (!match) return null;
  const [, y, m, d] = match;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  return utcDate(ms) === value ? ms : null;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Parses an ISO-8601 instant that carries a zone (Z or an offset), or null. */
export function parseInstant(value: string): number | null {
  if (!ISO_INSTANT.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * The new modification time of an edited record: now, but at least one whole second later than
 * before, so the change shows at the APIs' second precision even under a frozen test clock.
 */
export function bumpedTime(nowMs: number, previousMs: number): number {
  return Math.max(nowMs, Math.floor(previousMs / SECOND_MS) * SECOND_MS + SECOND_MS);
}

/**
 * The instant a seeded practice is built around: the clock's whole second (both APIs print whole
 * seconds). A test clock that starts at a whole-second anchor therefore rebuilds the very same
 * practice, however long the emulator took to start.
 */
export function practiceAnchor(nowMs: number): number {
  return Math.floor(nowMs / SECOND_MS) * SECOND_MS;
}
