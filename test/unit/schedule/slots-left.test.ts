import { describe, expect, it } from 'vitest';
import { slotsLeft, startOfLocalDay } from '../../../electron/core/schedule';
import { at, settingsWith } from './settings-builder';

const hourly = (timeZone: string) =>
  settingsWith({
    timeZone,
    nightly: { enabled: true, time: '03:00' },
    interval: { enabled: true, everyMinutes: 60, windowStart: '07:00', windowEnd: '20:00', weekdays: [1, 2, 3, 4, 5] },
  });

describe('slots left before a daily budget resets', () => {
  it('counts the interval and nightly slots after a moment, up to the reset (New York, budget day in UTC)', () => {
    // Thursday 12 March 2026, 14:00 in New York (EDT): 15:00 … 19:00 are still to come before 00:00 UTC.
    expect(slotsLeft(hourly('America/New_York'), at('2026-03-12T18:00:00Z'), at('2026-03-13T00:00:00Z'))).toEqual({
      nightly: 0,
      interval: 5,
    });
    // From just after midnight UTC: that day's 03:00 nightly and all thirteen interval syncs 07:00–19:00.
    expect(slotsLeft(hourly('America/New_York'), at('2026-03-12T00:00:01Z'), at('2026-03-13T00:00:00Z'))).toEqual({
      nightly: 1,
      interval: 13,
    });
  });

  it('counts across the clinic’s midnight when the budget day straddles it (Melbourne)', () => {
    // 09:30 Thursday in Melbourne (AEDT, UTC+11) = 22:30 UTC Wednesday; the budget resets at 00:00 UTC (11:00 local):
    // the 10:00 sync is left, the 11:00 one spends the next day's budget.
    expect(slotsLeft(hourly('Australia/Melbourne'), at('2026-03-11T22:30:00Z'), at('2026-03-12T00:00:00Z'))).toEqual({
      nightly: 0,
      interval: 1,
    });
    // 19:00 Thursday local = 08:00 UTC: Friday's 03:00 nightly (16:00 UTC) comes before the reset, then 07:00–10:00 Friday.
    expect(slotsLeft(hourly('Australia/Melbourne'), at('2026-03-12T08:00:00Z'), at('2026-03-13T00:00:00Z'))).toEqual({
      nightly: 1,
      interval: 4,
    });
  });

  it('counts nothing while scheduled syncs are paused', () => {
    expect(slotsLeft({ ...hourly('UTC'), enabled: false }, at('2026-03-12T00:00:00Z'), at('2026-03-13T00:00:00Z'))).toEqual({
      nightly: 0,
      interval: 0,
    });
  });

  it('finds the start of the clinic’s day', () => {
    expect(startOfLocalDay(at('2026-03-12T18:00:00Z'), 'America/New_York').toISOString()).toBe('2026-03-12T04:00:00.000Z');
    expect(startOfLocalDay(at('2026-03-12T03:00:00Z'), 'America/New_York').toISOString()).toBe('2026-03-11T04:00:00.000Z');
  });
});
