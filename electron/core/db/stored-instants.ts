import { UserFacingError } from '../errors';
import { toStoredTime } from './timestamps';

/*
 * Appointments keep their instants as INTEGER milliseconds since 1970 UTC (migration
 * compact_appointments): 6 bytes a value in the row and in each index entry instead of 24 characters.
 * Everything outside the appointments' SQL still speaks ISO-8601 text in the stored shape
 * (timestamps.ts); these convert at that boundary, losslessly, since the stored shape has millisecond
 * precision.
 */

/** An ISO-8601 instant as stored milliseconds. `what` names the field in an error, never its value. */
export function toStoredMs(iso: string, what: string): number {
  const ms = Date.parse(toStoredTime(iso, what));
  // The stored shape with a field out of range ("2025-13-01…"): bound as NaN, SQLite would store NULL.
  if (Number.isNaN(ms)) throw new UserFacingError('invalid_data', `${what} is not a valid date and time.`);
  return ms;
}

export function toStoredMsOrNull(iso: string | null, what: string): number | null {
  return iso === null ? null : toStoredMs(iso, what);
}

/** Stored milliseconds as ISO-8601 text in the stored shape ("2025-03-01T09:00:00.000Z"). */
export function fromStoredMs(ms: number): string {
  return new Date(ms).toISOString();
}

export function fromStoredMsOrNull(ms: number | null): string | null {
  return ms === null ? null : fromStoredMs(ms);
}

/**
 * SQL for the same conversion inside a statement (a column that leaves SQL as text, such as a
 * patient's next start). strftime's 'unixepoch' rounds to the millisecond, so this is exact; NULL
 * stays NULL.
 */
export function isoOfStoredMsSql(expression: string): string {
  return `strftime('%Y-%m-%dT%H:%M:%fZ', (${expression}) / 1000.0, 'unixepoch')`;
}
