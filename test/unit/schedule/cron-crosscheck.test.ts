import cron from 'node-cron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cronExpressions, nextRun } from '../../../electron/core/schedule';
import type { CronLike, ScheduleSettings } from '../../../electron/core/schedule';
import { settingsWith } from './settings-builder';

// The scheduler hands node-cron's default export over as its CronLike.
const _nodeCronFitsTheScheduler: CronLike = cron;

const RUNS_COMPARED = 40;

/** The first `count` instants node-cron itself would fire, across all of the schedule's expressions. */
function nodeCronRuns(settings: ScheduleSettings, count: number): string[] {
  const instants = new Set<string>();
  for (const { expression } of cronExpressions(settings)) {
    const task = cron.createTask(expression, () => undefined, { timezone: settings.timeZone });
    for (const run of task.getNextRuns(count)) instants.add(run.toISOString());
    void task.destroy();
  }
  return [...instants].sort().slice(0, count);
}

function pureRuns(settings: ScheduleSettings, from: Date, count: number): string[] {
  const runs: string[] = [];
  let cursor = from;
  for (let i = 0; i < count; i++) {
    const next = nextRun(settings, cursor);
    if (!next) break;
    runs.push(next.at.toISOString());
    cursor = next.at;
  }
  return runs;
}

const interval = (timeZone: string, everyMinutes: number, windowStart: string, windowEnd: string, weekdays: number[]) =>
  settingsWith({
    timeZone,
    nightly: { enabled: true, time: '03:00' },
    interval: { enabled: true, everyMinutes, windowStart, windowEnd, weekdays },
  });

// Spans free of DST changes in every zone used: node-cron skips a time that falls in a spring-forward
// gap and may fire the second of two repeated times, which the scheduler's wall-clock tick makes up for.
const cases: Array<{ name: string; from: string; settings: ScheduleSettings }> = [
  {
    name: 'nightly only, Melbourne',
    from: '2026-06-10T05:00:00Z',
    settings: settingsWith({ timeZone: 'Australia/Melbourne', nightly: { time: '03:00' } }),
  },
  {
    name: 'nightly 23:45, New York',
    from: '2026-06-10T05:00:00Z',
    settings: settingsWith({ timeZone: 'America/New_York', nightly: { time: '23:45' } }),
  },
  {
    name: 'hourly 07:00–19:00 weekdays, London',
    from: '2026-06-10T05:00:00Z',
    settings: interval('Europe/London', 60, '07:00', '19:00', [1, 2, 3, 4, 5]),
  },
  {
    name: 'every 20 min from 07:40 to 10:10, Sydney summer',
    from: '2026-01-14T00:00:00Z',
    settings: interval('Australia/Sydney', 20, '07:40', '10:10', [1, 3, 5]),
  },
  {
    name: 'every 30 min 06:15–08:45 weekends, New York winter',
    from: '2026-01-14T00:00:00Z',
    settings: interval('America/New_York', 30, '06:15', '08:45', [0, 6]),
  },
  {
    name: 'every 3 hours 01:30–23:00 every day, Kolkata',
    from: '2026-06-10T05:00:00Z',
    settings: interval('Asia/Kolkata', 180, '01:30', '23:00', [0, 1, 2, 3, 4, 5, 6]),
  },
  {
    name: 'every 15 min 02:50–03:20, nightly inside the window, UTC',
    from: '2026-06-10T05:00:00Z',
    settings: interval('UTC', 15, '02:50', '03:20', [2, 4]),
  },
];

describe('cron expressions fire at the slots nextRun computes (checked against node-cron 4)', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['Date'] }));
  afterEach(() => vi.useRealTimers());

  it.each(cases)('$name', ({ from, settings }) => {
    vi.setSystemTime(new Date(from));
    expect(nodeCronRuns(settings, RUNS_COMPARED)).toEqual(pureRuns(settings, new Date(from), RUNS_COMPARED));
  });

  it('writes a window that starts mid-hour as per-hour expressions, each valid for node-cron', () => {
    const schedules = cronExpressions(interval('UTC', 30, '07:40', '10:00', [1, 2, 3, 4, 5]));
    expect(schedules).toEqual([
      { expression: '0 3 * * *', kind: 'nightly' },
      { expression: '40 7 * * 1,2,3,4,5', kind: 'interval' },
      { expression: '10,40 8,9 * * 1,2,3,4,5', kind: 'interval' },
    ]);
    for (const { expression } of schedules) expect(cron.validate(expression)).toBe(true);
  });

  it('has nothing to fire while paused', () => {
    expect(cronExpressions(settingsWith({ enabled: false }))).toEqual([]);
  });
});
