import { describe, expect, it } from 'vitest';
import { dayBounds, dayOf, mondayOf, resolveDay, shiftDay, spanBounds } from '../../../electron/core/day-sheet/clinic-day';
import { UserFacingError } from '../../../electron/core/errors';

describe('clinic days', () => {
  it('runs from the clinic’s midnight to the next, as UTC instants', () => {
    expect(dayBounds('2026-03-09', 'Australia/Melbourne')).toEqual({
      from: '2026-03-08T13:00:00.000Z',
      to: '2026-03-09T13:00:00.000Z',
      hours: 24,
    });
    expect(dayBounds('2026-07-01', 'UTC')).toEqual({ from: '2026-07-01T00:00:00.000Z', to: '2026-07-02T00:00:00.000Z', hours: 24 });
  });

  it('has 23 hours the day clocks go forward and 25 the day they go back (Melbourne)', () => {
    // Daylight saving ends 2026-04-05 03:00 AEDT → 02:00 AEST; starts 2026-10-04 02:00 AEST → 03:00 AEDT.
    expect(dayBounds('2026-04-05', 'Australia/Melbourne')).toEqual({
      from: '2026-04-04T13:00:00.000Z',
      to: '2026-04-05T14:00:00.000Z',
      hours: 25,
    });
    expect(dayBounds('2026-10-04', 'Australia/Melbourne')).toEqual({
      from: '2026-10-03T14:00:00.000Z',
      to: '2026-10-04T13:00:00.000Z',
      hours: 23,
    });
  });

  it('has 23 and 25 hours on the change days of the northern hemisphere too (New York)', () => {
    expect(dayBounds('2026-03-08', 'America/New_York').hours).toBe(23);
    expect(dayBounds('2026-11-01', 'America/New_York').hours).toBe(25);
    expect(dayBounds('2026-11-01', 'America/New_York').from).toBe('2026-11-01T04:00:00.000Z');
  });

  it('starts when the clock does on a day whose midnight is skipped (Santiago)', () => {
    // Chile moves its clocks at midnight: 2026-09-06 begins at 01:00 local, 04:00 UTC.
    const day = dayBounds('2026-09-06', 'America/Santiago');
    expect(day.from).toBe('2026-09-06T04:00:00.000Z');
    expect(day.hours).toBe(23);
  });

  it('places an instant on the clinic’s calendar, not UTC’s', () => {
    expect(dayOf('2026-03-08T13:30:00.000Z', 'Australia/Melbourne')).toBe('2026-03-09');
    expect(dayOf('2026-03-08T13:30:00.000Z', 'UTC')).toBe('2026-03-08');
    // The fall-back day's second 02:30 is still that day.
    expect(dayOf('2026-04-05T13:59:59.000Z', 'Australia/Melbourne')).toBe('2026-04-05');
  });

  it('spans whole calendar days across a change of offset', () => {
    expect(spanBounds('2026-03-30', 7, 'Australia/Melbourne')).toEqual({
      from: '2026-03-29T13:00:00.000Z',
      to: '2026-04-05T14:00:00.000Z',
    });
  });

  it('reads today, tomorrow and dates in the clinic’s zone, and refuses anything else clearly', () => {
    const now = new Date('2026-03-08T14:00:00.000Z'); // Monday 01:00 in Melbourne, still Sunday in UTC
    expect(resolveDay('today', now, 'Australia/Melbourne')).toBe('2026-03-09');
    expect(resolveDay('Tomorrow', now, 'Australia/Melbourne')).toBe('2026-03-10');
    expect(resolveDay('today', now, 'UTC')).toBe('2026-03-08');
    expect(resolveDay('2026-12-31', now, 'UTC')).toBe('2026-12-31');
    expect(() => resolveDay('2026-02-30', now, 'UTC')).toThrow(UserFacingError);
    expect(() => resolveDay('next week', now, 'UTC')).toThrow(/today, tomorrow, yesterday or a date like/);
    expect(() => dayBounds('2026-03-09', 'Mars/Olympus')).toThrow(/not a time zone/);
  });

  it('counts calendar days and weeks from Monday', () => {
    expect(shiftDay('2026-12-31', 1)).toBe('2027-01-01');
    expect(shiftDay('2026-03-01', -1)).toBe('2026-02-28');
    expect(mondayOf('2026-12-06')).toBe('2026-11-30'); // a Sunday
    expect(mondayOf('2026-11-30')).toBe('2026-11-30');
  });
});
