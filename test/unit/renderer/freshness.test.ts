import { describe, expect, it } from 'vitest';
import {
  freshnessOf,
  freshnessThresholds,
  inIntervalWindow,
  worstFreshness,
  type FreshnessSchedule,
} from '../../../renderer/src/lib/freshness';

const HOUR = 3600_000;
const nightly: FreshnessSchedule = {
  enabled: true,
  nightly: { enabled: true },
  interval: { enabled: false, everyMinutes: 60, windowStart: '07:00', windowEnd: '19:00', weekdays: [1, 2, 3, 4, 5] },
  timeZone: 'Australia/Melbourne',
};
const daytime: FreshnessSchedule = { ...nightly, interval: { ...nightly.interval, enabled: true, everyMinutes: 30 } };

// Monday 30 Nov 2026, 10:00 in Melbourne; Sunday 29 Nov, 10:00.
const MONDAY_10 = new Date('2026-11-29T23:00:00Z');
const SUNDAY_10 = new Date('2026-11-28T23:00:00Z');
const MONDAY_06 = new Date('2026-11-29T19:00:00Z');

const at = (now: Date, ageMs: number) => new Date(now.getTime() - ageMs).toISOString();

describe('freshnessOf with a nightly schedule', () => {
  const level = (ageMs: number) =>
    freshnessOf({ lastSuccessAt: at(MONDAY_10, ageMs), syncing: false, now: MONDAY_10, schedule: nightly }).level;
  it('is fresh for a day, amber after a missed night, red after two days', () => {
    expect(level(0)).toBe('fresh');
    expect(level(7 * HOUR)).toBe('fresh');
    expect(level(25.9 * HOUR)).toBe('fresh');
    expect(level(26 * HOUR)).toBe('aging');
    expect(level(47 * HOUR)).toBe('aging');
    expect(level(48 * HOUR)).toBe('stale');
    expect(level(30 * 24 * HOUR)).toBe('stale');
  });
  it('says the level in words', () => {
    const f = freshnessOf({ lastSuccessAt: at(MONDAY_10, 30 * HOUR), syncing: false, now: MONDAY_10, schedule: nightly });
    expect(f).toEqual({ level: 'aging', label: 'Getting old', ageMs: 30 * HOUR });
  });
  it('separates never synced from a first sync under way', () => {
    expect(freshnessOf({ lastSuccessAt: null, syncing: false, now: MONDAY_10, schedule: nightly }).level).toBe('never');
    expect(freshnessOf({ lastSuccessAt: null, syncing: true, now: MONDAY_10, schedule: nightly }).label).toBe('Syncing');
  });
  it('keeps the age of older data while a new sync runs', () => {
    expect(freshnessOf({ lastSuccessAt: at(MONDAY_10, 50 * HOUR), syncing: true, now: MONDAY_10, schedule: nightly }).level).toBe('stale');
  });
  it('treats a time slightly in the future (clock skew) as fresh', () => {
    expect(freshnessOf({ lastSuccessAt: at(MONDAY_10, -60_000), syncing: false, now: MONDAY_10, schedule: nightly }).level).toBe('fresh');
  });
});

describe('interval syncs tighten the thresholds only while they are due', () => {
  it('knows when the interval window is open, in the schedule’s zone', () => {
    expect(inIntervalWindow(daytime, MONDAY_10)).toBe(true);
    expect(inIntervalWindow(daytime, MONDAY_06)).toBe(false);
    expect(inIntervalWindow(daytime, SUNDAY_10)).toBe(false);
  });
  it('uses two and four intervals inside the window', () => {
    expect(freshnessThresholds(daytime, MONDAY_10)).toEqual({ amberMs: HOUR, redMs: 2 * HOUR });
    const level = (ageMs: number) =>
      freshnessOf({ lastSuccessAt: at(MONDAY_10, ageMs), syncing: false, now: MONDAY_10, schedule: daytime }).level;
    expect(level(20 * 60_000)).toBe('fresh');
    expect(level(1.5 * HOUR)).toBe('aging');
    expect(level(3 * HOUR)).toBe('stale');
  });
  it('is never stricter than 30 and 60 minutes', () => {
    const every15 = { ...daytime, interval: { ...daytime.interval, everyMinutes: 15 } };
    expect(freshnessThresholds(every15, MONDAY_10)).toEqual({ amberMs: HOUR / 2, redMs: HOUR });
  });
  it('falls back to the nightly thresholds outside the window, when off, or without settings', () => {
    expect(freshnessThresholds(daytime, SUNDAY_10)).toEqual({ amberMs: 26 * HOUR, redMs: 48 * HOUR });
    expect(freshnessThresholds({ ...daytime, enabled: false }, MONDAY_10)).toEqual({ amberMs: 26 * HOUR, redMs: 48 * HOUR });
    expect(freshnessThresholds(null, MONDAY_10)).toEqual({ amberMs: 26 * HOUR, redMs: 48 * HOUR });
  });
});

describe('worstFreshness', () => {
  it('picks what needs attention first', () => {
    expect(worstFreshness(['fresh', 'aging'])).toBe('aging');
    expect(worstFreshness(['fresh', 'stale', 'aging'])).toBe('stale');
    expect(worstFreshness(['fresh', 'never'])).toBe('never');
    expect(worstFreshness(['fresh', 'syncing'])).toBe('syncing');
    expect(worstFreshness([])).toBe('fresh');
  });
});
