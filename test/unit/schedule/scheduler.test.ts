import { describe, expect, it } from 'vitest';
import { at, settingsWith } from './settings-builder';
import { schedulerHarness } from './scheduler-harness';

const HOUR = 3_600_000;
const MINUTE = 60_000;

// Melbourne in June is UTC+10: Mon 22:00 is 12:00Z, Tue 03:00 is 17:00Z.
const melbourne = settingsWith({ timeZone: 'Australia/Melbourne', nightly: { time: '03:00' } });
const monday0300 = at('2026-06-14T17:00:00Z');
const monday2200 = at('2026-06-15T12:00:00Z');
const tuesday0300 = at('2026-06-15T17:00:00Z');

const triggersOf = (calls: Array<{ decision: { trigger: string } }>) => calls.map((call) => call.decision.trigger);

describe('scheduler: launch and wake', () => {
  it('catches up once on launch for the sync missed while the app was closed', () => {
    const harness = schedulerHarness(melbourne, { now: at('2026-06-15T22:00:00Z'), lastHandled: monday0300 });
    harness.scheduler.start();
    expect(harness.dueCalls).toHaveLength(1);
    expect(harness.dueCalls[0]?.decision).toEqual({
      action: 'run',
      trigger: 'catch_up',
      slot: tuesday0300,
      slotKind: 'nightly',
      reason: 'Catching up on the 03:00 nightly sync missed while ClinicSync was closed or this computer was off.',
    });
    expect(harness.state.lastHandled).toEqual(tuesday0300);
    harness.runFor(2 * HOUR);
    expect(harness.dueCalls).toHaveLength(1);
  });

  it('on a brand-new install, starts counting from now and runs the next slot on time', () => {
    const harness = schedulerHarness(melbourne, { now: monday2200, lastHandled: null });
    harness.scheduler.start();
    expect(harness.dueCalls).toHaveLength(0);
    expect(harness.state.lastHandled).toEqual(monday2200);
    harness.runFor(5 * HOUR + MINUTE);
    expect(harness.dueCalls.map((call) => [call.at, call.decision.trigger])).toEqual([[tuesday0300, 'scheduled']]);
  });

  it('after a 9-hour sleep over the 03:00 slot, the first tick catches up once', () => {
    const harness = schedulerHarness(melbourne, { now: monday2200, lastHandled: monday0300 });
    harness.scheduler.start();
    harness.sleepFor(9 * HOUR);
    harness.runFor(30_000);
    expect(harness.dueCalls.map((call) => call.decision)).toEqual([
      {
        action: 'run',
        trigger: 'catch_up',
        slot: tuesday0300,
        slotKind: 'nightly',
        reason: 'Catching up on the 03:00 nightly sync missed while this computer was asleep.',
      },
    ]);
    // node-cron may report its missed fire late; the wall-clock rule has already handled that slot.
    harness.fireCron();
    harness.scheduler.wake();
    harness.runFor(HOUR);
    expect(harness.dueCalls).toHaveLength(1);
  });

  it('checks at once on a power resume event', () => {
    const harness = schedulerHarness(melbourne, { now: monday2200, lastHandled: monday0300 });
    harness.scheduler.start();
    harness.sleepFor(9 * HOUR);
    expect(harness.scheduler.wake()).toMatchObject({ action: 'run', trigger: 'catch_up', slot: tuesday0300 });
    expect(harness.dueCalls).toHaveLength(1);
  });
});

describe('scheduler: daily runs across DST changes (ticks only, as node-cron skips or shifts these times)', () => {
  function runsOver(settings: ReturnType<typeof settingsWith>, from: Date, lastHandled: Date, days: number) {
    const harness = schedulerHarness(settings, { now: from, lastHandled });
    harness.scheduler.start();
    harness.runFor(days * 24 * HOUR);
    return harness.dueCalls.map((call) => ({ at: call.at.toISOString(), trigger: call.decision.trigger }));
  }

  it('New York spring-forward: 02:30 runs at 03:00 EDT on the change day, once a day', () => {
    const settings = settingsWith({ timeZone: 'America/New_York', nightly: { time: '02:30' } });
    expect(runsOver(settings, at('2026-03-07T05:00:00Z'), at('2026-03-06T07:30:00Z'), 3)).toEqual([
      { at: '2026-03-07T07:30:00.000Z', trigger: 'scheduled' },
      { at: '2026-03-08T07:00:00.000Z', trigger: 'scheduled' },
      { at: '2026-03-09T06:30:00.000Z', trigger: 'scheduled' },
    ]);
  });

  it('Sydney fall-back: 02:30 runs once, at the first of its two occurrences', () => {
    const settings = settingsWith({ timeZone: 'Australia/Sydney', nightly: { time: '02:30' } });
    const harness = schedulerHarness(settings, { now: at('2026-04-04T12:00:00Z'), lastHandled: at('2026-04-03T15:30:00Z') });
    harness.scheduler.start();
    harness.runFor(4 * HOUR); // to 16:00Z: the first 02:30 (AEDT) was at 15:30Z
    harness.runFor(45 * MINUTE);
    harness.fireCron(); // node-cron fires at the second 02:30 (AEST, 16:30Z)
    harness.runFor(24 * HOUR);
    expect(harness.dueCalls.map((call) => call.at.toISOString())).toEqual(['2026-04-04T15:30:00.000Z', '2026-04-05T16:30:00.000Z']);
  });

  it('London both ways: one run per day at 01:30 local or the first valid instant', () => {
    const settings = settingsWith({ timeZone: 'Europe/London', nightly: { time: '01:30' } });
    expect(runsOver(settings, at('2026-03-28T12:00:00Z'), at('2026-03-28T01:30:00Z'), 2).map((run) => run.at)).toEqual([
      '2026-03-29T01:00:00.000Z',
      '2026-03-30T00:30:00.000Z',
    ]);
    expect(runsOver(settings, at('2026-10-24T12:00:00Z'), at('2026-10-24T00:30:00Z'), 2).map((run) => run.at)).toEqual([
      '2026-10-25T00:30:00.000Z',
      '2026-10-26T01:30:00.000Z',
    ]);
  });
});

describe('scheduler: overlap and deferred runs', () => {
  const quarterHourly = settingsWith({
    timeZone: 'Australia/Melbourne',
    nightly: { enabled: false },
    interval: { enabled: true, everyMinutes: 15, windowStart: '07:00', windowEnd: '19:00', weekdays: [1, 2, 3, 4, 5] },
  });

  it('starts nothing while its own run is still going, then catches up once', async () => {
    const tuesday0700 = at('2026-06-15T21:00:00Z');
    const harness = schedulerHarness(quarterHourly, { now: at('2026-06-15T20:59:30Z'), lastHandled: monday2200 });
    harness.scheduler.start();
    const finishRun = harness.holdRuns();
    harness.runFor(50 * MINUTE); // slots at 07:00, 07:15, 07:30, 07:45 pass during one long run
    expect(harness.dueCalls.map((call) => call.at)).toEqual([tuesday0700]);
    finishRun();
    await Promise.resolve();
    harness.runFor(30_000);
    expect(harness.dueCalls.map((call) => [call.decision.trigger, call.decision.slot])).toEqual([
      ['scheduled', tuesday0700],
      ['catch_up', at('2026-06-15T21:45:00Z')],
    ]);
  });

  it('starts nothing while another face reports a run in progress', () => {
    const harness = schedulerHarness(quarterHourly, { now: at('2026-06-15T20:59:30Z'), lastHandled: monday2200 });
    harness.state.runInProgress = true;
    harness.scheduler.start();
    harness.runFor(HOUR);
    expect(harness.dueCalls).toHaveLength(0);
  });

  it('continues a deferred run at its resume time, not before', () => {
    const resumeAt = at('2026-06-15T19:00:00Z'); // Tue 05:00 Melbourne
    const harness = schedulerHarness(melbourne, { now: monday2200, lastHandled: monday0300 });
    harness.state.deferred = { runId: 4, resumeAt };
    harness.scheduler.start();
    harness.runFor(7 * HOUR - 30_000);
    expect(harness.dueCalls).toHaveLength(0);
    harness.runFor(30_000);
    expect(harness.dueCalls.map((call) => [call.at, call.decision])).toEqual([
      [
        resumeAt,
        {
          action: 'run',
          trigger: 'retry',
          slot: tuesday0300,
          reason: 'Continuing the deferred sync (run 4). It also covers the 03:00 nightly sync.',
        },
      ],
    ]);
    expect(harness.state.lastHandled).toEqual(tuesday0300);
  });
});

describe('scheduler: settings, pause, status', () => {
  it('schedules one cron task per expression in the settings zone, and reschedules on update', () => {
    const harness = schedulerHarness(melbourne, { now: monday2200, lastHandled: monday0300 });
    harness.scheduler.start();
    expect(harness.liveCronTasks().map((task) => [task.expression, task.timezone])).toEqual([['0 3 * * *', 'Australia/Melbourne']]);
    harness.scheduler.update(settingsWith({ ...melbourne, timeZone: 'Europe/London', nightly: { time: '04:15' } }));
    expect(harness.liveCronTasks().map((task) => [task.expression, task.timezone])).toEqual([['15 4 * * *', 'Europe/London']]);
  });

  it('pause stops scheduled runs and resume catches up once on the next tick', () => {
    const harness = schedulerHarness(melbourne, { now: monday2200, lastHandled: monday0300 });
    harness.scheduler.start();
    harness.scheduler.pause();
    expect(harness.liveCronTasks()).toHaveLength(0);
    expect(harness.scheduler.status()).toEqual({ active: false, nextRun: null, description: 'Scheduled syncs are paused.' });
    expect(harness.scheduler.currentSettings().enabled).toBe(false);
    harness.runFor(8 * HOUR);
    expect(harness.dueCalls).toHaveLength(0);

    harness.scheduler.resume();
    expect(harness.liveCronTasks()).toHaveLength(1);
    harness.runFor(HOUR);
    expect(triggersOf(harness.dueCalls)).toEqual(['catch_up']);
  });

  it('reports whether it is active, the next run and a plain description', () => {
    const harness = schedulerHarness(melbourne, { now: monday2200, lastHandled: monday0300 });
    expect(harness.scheduler.status().active).toBe(false);
    harness.scheduler.start();
    expect(harness.scheduler.status()).toEqual({
      active: true,
      nextRun: { at: tuesday0300, kind: 'nightly' },
      description: 'Nightly at 03:00 (Australia/Melbourne). Next sync: tomorrow at 03:00.',
    });
  });

  it('stop ends the ticking and the cron tasks', () => {
    const harness = schedulerHarness(melbourne, { now: monday2200, lastHandled: monday0300 });
    harness.scheduler.start();
    harness.scheduler.stop();
    expect(harness.isTicking()).toBe(false);
    expect(harness.liveCronTasks()).toHaveLength(0);
    expect(harness.scheduler.status().active).toBe(false);
  });
});

describe('scheduler: a failed scheduled run is retried', () => {
  it('after 5, 15 and 45 minutes, then waits for the next slot; each retry names its sources', () => {
    const harness = schedulerHarness(melbourne, { now: monday2200, lastHandled: monday0300 });
    // Every run fails at once (the network is down): the history then shows it as the latest failed run.
    let runs = 0;
    harness.state.onRun = (decision, now) => {
      runs++;
      const retries = decision.trigger === 'retry' ? (harness.state.failed[0]?.retries ?? 0) + 1 : 0;
      harness.state.failed = [{ runId: runs, source: 'north', failedAt: now, retries }];
    };
    harness.scheduler.start();
    harness.runFor(29 * HOUR + MINUTE); // to 03:01 on Wednesday
    const minutesAfter0300 = harness.dueCalls.map((call) => (call.at.getTime() - tuesday0300.getTime()) / MINUTE);
    expect(minutesAfter0300).toEqual([0, 5, 20, 65, 24 * 60]);
    expect(triggersOf(harness.dueCalls)).toEqual(['scheduled', 'retry', 'retry', 'retry', 'scheduled']);
    expect(harness.dueCalls[1]?.decision).toEqual({
      action: 'run',
      trigger: 'retry',
      slot: null,
      sources: ['north'],
      reason: 'Retrying the failed scheduled sync: run 1 (attempt 1 of 3).',
    });
    expect(harness.dueCalls[3]?.decision.reason).toBe('Retrying the failed scheduled sync: run 3 (attempt 3 of 3).');
  });

  it('stops retrying once a retry succeeds', () => {
    const harness = schedulerHarness(melbourne, { now: monday2200, lastHandled: monday0300 });
    harness.state.onRun = (decision, now) => {
      harness.state.failed = decision.trigger === 'scheduled' ? [{ runId: 1, source: 'north', failedAt: now, retries: 0 }] : [];
    };
    harness.scheduler.start();
    harness.runFor(6 * HOUR);
    expect(triggersOf(harness.dueCalls)).toEqual(['scheduled', 'retry']);
  });
});
