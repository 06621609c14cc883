/** How hard the HTTP layer tries before it reports a failure. Times are real milliseconds. */
export interface RetryPolicy {
  /** Tries per request for network errors, timeouts, 5xx and unreadable pages (the first try included). */
  maxAttempts: number;
  backoffBaseMs: number;
  backoffCapMs: number;
  /** How long to wait after a 429 that does not say when to come back: a random time in this range. */
  rateLimitDefaultWaitMs: { min: number; max: number };
  /** A 429 asking for a longer wait than this ends the request with `rate_limited` instead. */
  maxRateLimitWaitMs: number;
  /** 429s in a row for one request before it ends with `rate_limited`. */
  maxRateLimitedAttempts: number;
  /** Per attempt, response body included. */
  timeoutMs: number;
}

/** Exponential backoff with full jitter: a random wait between 0 and base·2^(attempt-1), capped. */
export function backoffDelayMs(failedAttempts: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.backoffCapMs, policy.backoffBaseMs * 2 ** Math.max(0, failedAttempts - 1));
  return Math.round(random() * ceiling);
}

// Below this an X-RateLimit-Reset value reads as "seconds from now" rather than an epoch.
const EPOCH_SECONDS_FLOOR = 1_000_000_000;
const EPOCH_MS_FLOOR = 100_000_000_000;

/**
 * When the server says to come back, from `X-RateLimit-Reset` (epoch seconds per Cliniko's docs;
 * epoch ms and delta seconds tolerated) and `Retry-After` (seconds or an HTTP date). The later one
 * wins when both are present; null when neither is usable.
 */
export function advertisedResumeAt(headers: Headers, nowMs: number): number | null {
  const candidates = [fromRateLimitReset(headers.get('x-ratelimit-reset'), nowMs), fromRetryAfter(headers.get('retry-after'), nowMs)];
  const known = candidates.filter((value): value is number => value !== null);
  return known.length === 0 ? null : Math.max(...known);
}

function fromRateLimitReset(raw: string | null, nowMs: number): number | null {
  const value = raw === null || raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(value) || value < 0) return null;
  if (value >= EPOCH_MS_FLOOR) return value;
  if (value >= EPOCH_SECONDS_FLOOR) return value * 1000;
  return nowMs + value * 1000;
}

function fromRetryAfter(raw: string | null, nowMs: number): number | null {
  if (raw === null || raw.trim() === '') return null;
  const trimmed = raw.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return nowMs + Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : date;
}
