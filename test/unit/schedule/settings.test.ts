import { describe, expect, it } from 'vitest';
import { defaultScheduleSettings, parseScheduleSettings, systemTimeZone } from '../../../electron/core/schedule';

describe('schedule settings', () => {
  it('defaults to a nightly sync at 03:00 in the system zone, with interval syncs off', () => {
    expect(defaultScheduleSettings()).toEqual({
      enabled: true,
      nightly: { enabled: true, time: '03:00' },
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      interval: { enabled: false, everyMinutes: 60, windowStart: '07:00', windowEnd: '19:00', weekdays: [1, 2, 3, 4, 5] },
    });
    expect(systemTimeZone()).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });

  it('fills fields missing from older saved settings and tidies the weekday list', () => {
    const parsed = parseScheduleSettings({ timeZone: 'Europe/London', interval: { enabled: true, weekdays: [5, 1, 5, 3] } });
    expect(parsed).toMatchObject({
      ok: true,
      settings: { nightly: { enabled: true, time: '03:00' }, interval: { enabled: true, everyMinutes: 60, weekdays: [1, 3, 5] } },
    });
  });

  it('names each bad field in plain words, keyed for the Settings form', () => {
    const parsed = parseScheduleSettings({
      enabled: 'yes',
      nightly: { time: '3am' },
      timeZone: 'Mars/Olympus_Mons',
      interval: { everyMinutes: 45, windowStart: '25:00', weekdays: [1, 9] },
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual(
      expect.arrayContaining([
        { field: 'enabled', message: 'Scheduled syncs must be on or off.' },
        { field: 'nightly.time', message: 'Nightly sync time must be a time like 03:00 (24-hour, HH:MM).' },
        { field: 'timeZone', message: 'Time zone must be a zone name like Australia/Melbourne.' },
        { field: 'interval.everyMinutes', message: 'Interval length must be one of 15, 20, 30, 60, 120, 180 or 240 minutes.' },
        { field: 'interval.windowStart', message: 'Interval window start must be a time like 07:00 (24-hour, HH:MM).' },
        { field: 'interval.weekdays', message: 'Interval weekdays must be days of the week.' },
      ]),
    );
    expect(parsed.errors).toHaveLength(6);
  });

  it('requires the interval window to end after it starts', () => {
    expect(parseScheduleSettings({ interval: { windowStart: '19:00', windowEnd: '07:00' } })).toEqual({
      ok: false,
      errors: [{ field: 'interval.windowEnd', message: 'Interval window end must be later than its start.' }],
    });
    expect(parseScheduleSettings({ interval: { windowStart: '09:00', windowEnd: '09:00' } }).ok).toBe(false);
  });

  it('requires at least one weekday only while interval syncs are on', () => {
    expect(parseScheduleSettings({ interval: { enabled: true, weekdays: [] } })).toEqual({
      ok: false,
      errors: [{ field: 'interval.weekdays', message: 'Choose at least one weekday for interval syncs.' }],
    });
    expect(parseScheduleSettings({ interval: { enabled: false, weekdays: [] } }).ok).toBe(true);
  });

  it('accepts every listed interval length and a UTC zone', () => {
    for (const everyMinutes of [15, 20, 30, 60, 120, 180, 240]) {
      expect(parseScheduleSettings({ timeZone: 'UTC', interval: { everyMinutes } }).ok).toBe(true);
    }
  });
});
