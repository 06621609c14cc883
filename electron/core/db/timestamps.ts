import { UserFacingError } from '../errors';

// The one shape times are stored in, so string comparison is time comparison.
const STORED_SHAPE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * Normalizes an ISO-8601 instant to UTC with milliseconds ("2025-03-01T09:00:00.000Z").
 * `what` names the field in the error (never its value: it may sit next to patient data).
 */
export function toStoredTime(value: string, what: string): string {
  if (STORED_SHAPE.test(value)) return value;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new UserFacingError('invalid_data', `${what} is not a valid date and time.`);
  return new Date(ms).toISOString();
}

export function toStoredTimeOrNull(value: string | null, what: string): string | null {
  return value === null ? null : toStoredTime(value, what);
}

/** `iso` moved by `ms` milliseconds, in the stored shape. */
export function shiftTime(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}
