import { describe, expect, it } from 'vitest';
import { readableTime } from '../../../electron/core/schedule';
import { at } from './settings-builder';

const now = at('2026-12-06T09:00:00Z');

describe('readableTime', () => {
  it('shows an instant in the clinic’s zone as "Sun 6 Dec 08:21"', () => {
    expect(readableTime(at('2026-12-06T08:21:00Z'), 'Europe/London', now)).toBe('Sun 6 Dec 08:21');
    // The same instant in Melbourne (UTC+11 in December) is that evening.
    expect(readableTime(at('2026-12-06T08:21:00Z'), 'Australia/Melbourne', now)).toBe('Sun 6 Dec 19:21');
    expect(readableTime(at('2026-12-05T21:30:00Z'), 'Australia/Melbourne', now)).toBe('Sun 6 Dec 08:30');
  });

  it('adds the year only when it is not this year', () => {
    expect(readableTime(at('2025-12-05T08:21:00Z'), 'UTC', now)).toBe('Fri 5 Dec 2025 08:21');
  });
});
