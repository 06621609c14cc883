import { describe, expect, it } from 'vitest';
import { describeSchedule } from '../../../electron/core/schedule';
import { at, settingsWith } from './settings-builder';

// Friday 2026-06-19 10:00 in Melbourne (UTC+10).
const fridayMorning = at('2026-06-19T00:00:00Z');
const melbourne = { timeZone: 'Australia/Melbourne' };

describe('describeSchedule', () => {
  it('describes nightly and interval syncs with the zone and the next run', () => {
    const settings = settingsWith({ ...melbourne, interval: { enabled: true } });
    expect(describeSchedule(settings, fridayMorning)).toBe(
      'Nightly at 03:00 (Australia/Melbourne), and every 60 minutes 07:00–19:00 on weekdays. Next sync: today at 11:00.',
    );
  });

  it('names the day of a next run beyond tomorrow, and hours for long intervals', () => {
    const settings = settingsWith({
      ...melbourne,
      nightly: { enabled: false },
      interval: { enabled: true, everyMinutes: 120, windowStart: '08:00', windowEnd: '12:00', weekdays: [1, 3] },
    });
    expect(describeSchedule(settings, fridayMorning)).toBe(
      'Every 2 hours 08:00–12:00 on Mon and Wed (Australia/Melbourne). Next sync: on Mon 22 Jun at 08:00.',
    );
  });

  it('says "tomorrow" for a nightly run after midnight, and covers every-day and weekend windows', () => {
    const everyDay = settingsWith({ ...melbourne, interval: { enabled: true, everyMinutes: 30, weekdays: [0, 1, 2, 3, 4, 5, 6] } });
    expect(describeSchedule(everyDay, at('2026-06-19T12:00:00Z'))).toBe(
      'Nightly at 03:00 (Australia/Melbourne), and every 30 minutes 07:00–19:00 every day. Next sync: tomorrow at 03:00.',
    );
    const weekends = settingsWith({ ...melbourne, nightly: { enabled: false }, interval: { enabled: true, weekdays: [6, 0] } });
    expect(describeSchedule(weekends, fridayMorning)).toMatch(
      /^Every 60 minutes 07:00–19:00 on weekends \(Australia\/Melbourne\)\. Next sync: tomorrow at 07:00\.$/,
    );
  });

  it('says when syncs are paused or none is turned on', () => {
    expect(describeSchedule(settingsWith({ ...melbourne, enabled: false }), fridayMorning)).toBe('Scheduled syncs are paused.');
    expect(describeSchedule(settingsWith({ ...melbourne, nightly: { enabled: false } }), fridayMorning)).toBe(
      'No scheduled syncs are turned on.',
    );
  });
});
