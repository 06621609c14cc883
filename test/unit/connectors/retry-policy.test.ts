import { describe, expect, it } from 'vitest';
import { advertisedResumeAt, backoffDelayMs, type RetryPolicy } from '../../../electron/core/connectors/http/retry-policy';

const NOW = Date.parse('2024-05-01T12:00:00Z');

describe('when the server says to come back', () => {
  it('reads X-RateLimit-Reset as epoch seconds', () => {
    expect(advertisedResumeAt(new Headers({ 'X-RateLimit-Reset': String(NOW / 1000 + 42) }), NOW)).toBe(NOW + 42_000);
  });

  it('tolerates epoch milliseconds and seconds-from-now in X-RateLimit-Reset', () => {
    expect(advertisedResumeAt(new Headers({ 'X-RateLimit-Reset': String(NOW + 5000) }), NOW)).toBe(NOW + 5000);
    expect(advertisedResumeAt(new Headers({ 'X-RateLimit-Reset': '30' }), NOW)).toBe(NOW + 30_000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(advertisedResumeAt(new Headers({ 'Retry-After': '12' }), NOW)).toBe(NOW + 12_000);
    expect(advertisedResumeAt(new Headers({ 'Retry-After': 'Wed, 01 May 2024 12:01:00 GMT' }), NOW)).toBe(NOW + 60_000);
  });

  it('takes the later of the two, and null when neither is usable', () => {
    expect(advertisedResumeAt(new Headers({ 'Retry-After': '5', 'X-RateLimit-Reset': String(NOW / 1000 + 9) }), NOW)).toBe(NOW + 9000);
    expect(advertisedResumeAt(new Headers({ 'Retry-After': 'soon', 'X-RateLimit-Reset': '' }), NOW)).toBeNull();
    expect(advertisedResumeAt(new Headers(), NOW)).toBeNull();
  });
});

describe('backoff', () => {
  const policy = { backoffBaseMs: 1000, backoffCapMs: 30_000 } as RetryPolicy;

  it('doubles its ceiling with each failure up to the cap, with full jitter below it', () => {
    expect([1, 2, 3, 4, 10].map((n) => backoffDelayMs(n, policy, () => 1))).toEqual([1000, 2000, 4000, 8000, 30_000]);
    expect(backoffDelayMs(3, policy, () => 0)).toBe(0);
    expect(backoffDelayMs(3, policy, () => 0.5)).toBe(2000);
  });
});
