import { ApiError } from '../api/transport';

/** Field path ("schedule.interval.windowEnd", "apiKey") → message, for showing errors beside their controls. */
export type FieldErrors = Record<string, string>;

/**
 * The per-field errors in a failed request, whichever shape the service used:
 * settings `{ fields: [{ field, message }] }`, sources `{ fields: { name: message } }`, or the
 * contract's invalid-input list `[{ path, message }]`.
 */
export function fieldErrorsOf(err: unknown): FieldErrors {
  if (!(err instanceof ApiError)) return {};
  const details = err.details as unknown;
  const out: FieldErrors = {};
  const add = (field: unknown, message: unknown): void => {
    if (typeof field === 'string' && typeof message === 'string' && !(field in out)) out[field] = message;
  };
  if (Array.isArray(details)) {
    for (const issue of details)
      if (issue && typeof issue === 'object') add((issue as { path?: unknown }).path, (issue as { message?: unknown }).message);
  } else if (details && typeof details === 'object' && 'fields' in details) {
    const fields = (details as { fields: unknown }).fields;
    if (Array.isArray(fields)) {
      for (const f of fields) if (f && typeof f === 'object') add((f as { field?: unknown }).field, (f as { message?: unknown }).message);
    } else if (fields && typeof fields === 'object') {
      for (const [field, message] of Object.entries(fields)) add(field, message);
    }
  }
  return out;
}

/** A sentence for the user from any failure: the service's own message, or a plain fallback. */
export function messageOf(err: unknown, fallback = 'Something went wrong. Try again.'): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error && err.message) return err.message;
  return fallback;
}

/** The error code the service sent (e.g. "credentials_invalid"), or null. */
export function codeOf(err: unknown): string | null {
  return err instanceof ApiError ? err.code : null;
}
