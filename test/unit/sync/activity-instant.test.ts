/** The instants activity lines name ("Fetching every past appointment from 7 Sep 2026, 12:21 UTC …"). */
import { describe, expect, it } from 'vitest';
import { formatInstant } from '../../../electron/core/sync/pages';

describe('formatInstant', () => {
  it('writes September as "Sep", whatever ICU says, with an unpadded day', () => {
    expect(formatInstant('2026-09-07T12:21:00.000Z')).toBe('7 Sep 2026, 12:21 UTC');
  });

  it('reads the day in UTC, not in the computer’s zone', () => {
    expect(formatInstant('2026-12-31T23:59:00.000Z')).toBe('31 Dec 2026, 23:59 UTC');
    expect(formatInstant('2027-01-01T00:00:00.000Z')).toBe('1 Jan 2027, 00:00 UTC');
  });
});
