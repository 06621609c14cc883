/** The instants activity lines name ("Fetching every past appointment from 7 Sep 2026, 22:21 …"). */
import { describe, expect, it } from 'vitest';
import { formatInstant } from '../../../electron/core/sync/pages';

describe('formatInstant', () => {
  it('writes September as "Sep", whatever ICU says, with an unpadded day', () => {
    expect(formatInstant('2026-09-07T12:21:00.000Z', 'UTC')).toBe('7 Sep 2026, 12:21');
  });

  it('writes the clinic’s time, day and 24-hour clock, not UTC or the computer’s', () => {
    expect(formatInstant('2026-09-07T12:21:00.000Z', 'Australia/Melbourne')).toBe('7 Sep 2026, 22:21');
    expect(formatInstant('2026-12-31T23:59:00.000Z', 'Australia/Melbourne')).toBe('1 Jan 2027, 10:59');
    expect(formatInstant('2027-01-01T00:00:00.000Z', 'America/New_York')).toBe('31 Dec 2026, 19:00');
  });
});
