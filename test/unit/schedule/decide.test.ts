import { describe, expect, it } from 'vitest';
import { decide, ON_TIME_GRACE_MS } from '../../../electron/core/schedule';
import type { DecideInput } from '../../../electron/core/schedule';
import { at, settingsWith } from './settings-builder';

// Melbourne in June is AEST (UTC+10): 03:00 on Tue 16 June is 17:00Z on Mon 15 June.
const settings = settingsWith({ timeZone: 'Australia/Melbourne', nightly: { time: '03:00' } });
const tuesday0300 = at('2026-06-15T17:00:00Z');
const monday0300 = at('2026-06-14T17:00:00Z');
const wednesday0300 = at('2026-06-16T17:00:00Z');
const plusMinutes = (date: Date, minutes: number) => new Date(date.getTime() + minutes * 60_000);

function input(overrides: Partial<DecideInput>): DecideInput {
  return { settings, now: tuesday0300, lastScheduledSlotHandled: monday0300, runInProgress: false, deferred: null, ...overrides };
}

describe('decide: scheduled runs', () => {
  it('runs the slot on time, and waits for the next one once the slot is recorded as handled', () => {
    const first = decide(input({ now: plusMinutes(tuesday0300, 0.5), occasion: 'cron' }));
    expect(first).toEqual({
      action: 'run',
      trigger: 'scheduled',
      slot: tuesday0300,
      slotKind: 'nightly',
      reason: 'Starting the 03:00 nightly sync.',
    });

    const second = decide(input({ now: plusMinutes(tuesday0300, 1), lastScheduledSlotHandled: tuesday0300 }));
    expect(second).toEqual({
      action: 'wait',
      reason: 'Up to date; the next scheduled sync is the nightly sync tomorrow at 03:00.',
      until: wednesday0300,
    });
  });

  it('counts a slot started after the grace window as a catch-up', () => {
    const late = decide(input({ now: new Date(tuesday0300.getTime() + ON_TIME_GRACE_MS + 1000) }));
    expect(late).toMatchObject({ action: 'run', trigger: 'catch_up', slot: tuesday0300 });
  });
});

describe('decide: catch-up', () => {
  it('catches up once on waking from a 9-hour sleep that spanned the 03:00 sync', () => {
    // Lid closed at 22:00 Monday, opened at 07:00 Tuesday (Melbourne).
    const onWake = decide(input({ now: at('2026-06-15T21:00:00Z'), occasion: 'wake' }));
    expect(onWake).toEqual({
      action: 'run',
      trigger: 'catch_up',
      slot: tuesday0300,
      slotKind: 'nightly',
      reason: 'Catching up on the 03:00 nightly sync missed while this computer was asleep.',
    });
    const afterwards = decide(input({ now: at('2026-06-15T21:00:30Z'), lastScheduledSlotHandled: tuesday0300, occasion: 'wake' }));
    expect(afterwards).toMatchObject({ action: 'wait', until: wednesday0300 });
  });

  it('makes one catch-up, for the latest slot, after the app was closed for a week', () => {
    const weekAgo = at('2026-06-07T17:00:00Z');
    const onLaunch = decide(input({ lastScheduledSlotHandled: weekAgo, now: at('2026-06-15T23:00:00Z'), occasion: 'launch' }));
    expect(onLaunch).toEqual({
      action: 'run',
      trigger: 'catch_up',
      slot: tuesday0300,
      slotKind: 'nightly',
      reason: 'Catching up on 8 scheduled syncs missed while ClinicSync was closed or this computer was off, with one sync now.',
    });
    const nextCheck = decide(input({ lastScheduledSlotHandled: tuesday0300, now: at('2026-06-15T23:00:30Z') }));
    expect(nextCheck.action).toBe('wait');
  });

  it('names the day of a missed slot that was not today', () => {
    const decision = decide(input({ lastScheduledSlotHandled: at('2026-06-13T17:00:00Z'), now: at('2026-06-15T16:00:00Z') }));
    expect(decision).toMatchObject({
      trigger: 'catch_up',
      slot: monday0300,
      slotKind: 'nightly',
      reason: 'Catching up on the Mon 15 Jun 03:00 nightly sync that did not run on time.',
    });
  });

  it('does not catch up on history on a brand-new install', () => {
    const fresh = decide(input({ lastScheduledSlotHandled: null, now: at('2026-06-15T23:00:00Z'), occasion: 'launch' }));
    expect(fresh).toEqual({
      action: 'wait',
      reason: 'No scheduled sync has run yet, so there is nothing to catch up on; the first is the nightly sync tomorrow at 03:00.',
      until: wednesday0300,
    });
  });

  it('never re-runs slots when the clock was set back before the last handled slot', () => {
    expect(decide(input({ lastScheduledSlotHandled: wednesday0300, now: plusMinutes(tuesday0300, 30) })).action).toBe('wait');
  });
});

describe('decide: overlap, pause, deferred runs', () => {
  it('never starts while another run is in progress, then catches up once it has finished', () => {
    const busy = decide(input({ now: plusMinutes(tuesday0300, 0.5), runInProgress: true }));
    expect(busy).toEqual({ action: 'wait', reason: 'A sync is already running; scheduled syncs wait for it to finish.', until: null });
    const free = decide(input({ now: plusMinutes(tuesday0300, 40) }));
    expect(free).toMatchObject({ action: 'run', trigger: 'catch_up', slot: tuesday0300 });
  });

  it('runs nothing while paused, saying a deferred run will continue on resume', () => {
    const paused = settingsWith({ ...settings, enabled: false });
    expect(decide(input({ settings: paused, now: plusMinutes(tuesday0300, 0.5) }))).toEqual({
      action: 'wait',
      reason: 'Scheduled syncs are paused.',
      until: null,
    });
    const withDeferred = decide(input({ settings: paused, deferred: { runId: 12, resumeAt: monday0300 } }));
    expect(withDeferred).toMatchObject({
      action: 'wait',
      reason: 'Scheduled syncs are paused. The deferred sync (run 12) continues once they are resumed.',
    });
  });

  it('waits for a deferred run to reach its resume time, even when a slot is due', () => {
    const resumeAt = at('2026-06-15T19:00:00Z'); // 05:00 Tuesday Melbourne
    const decision = decide(input({ now: plusMinutes(tuesday0300, 0.5), deferred: { runId: 7, resumeAt } }));
    expect(decision).toEqual({ action: 'wait', reason: 'Waiting to continue the deferred sync (run 7) today at 05:00.', until: resumeAt });
  });

  it('continues a deferred run whose resume time has passed, covering the slot due meanwhile', () => {
    const resumeAt = at('2026-06-15T19:00:00Z');
    const decision = decide(input({ now: plusMinutes(resumeAt, 5), deferred: { runId: 7, resumeAt } }));
    expect(decision).toEqual({
      action: 'run',
      trigger: 'retry',
      slot: tuesday0300,
      reason: 'Continuing the deferred sync (run 7). It also covers the 03:00 nightly sync.',
    });
  });

  it('continues a deferred run with no slot to record when none is due', () => {
    const resumeAt = at('2026-06-15T19:00:00Z');
    const decision = decide(input({ now: resumeAt, lastScheduledSlotHandled: tuesday0300, deferred: { runId: 7, resumeAt } }));
    expect(decision).toEqual({ action: 'run', trigger: 'retry', slot: null, reason: 'Continuing the deferred sync (run 7).' });
  });

  it('waits with no end when no scheduled sync is turned on', () => {
    const nothing = settingsWith({ ...settings, nightly: { enabled: false } });
    expect(decide(input({ settings: nothing }))).toEqual({ action: 'wait', reason: 'No scheduled syncs are turned on.', until: null });
  });
});

describe('decide: interval slots', () => {
  const intervals = settingsWith({
    timeZone: 'Australia/Melbourne',
    nightly: { enabled: false },
    interval: { enabled: true, everyMinutes: 30, windowStart: '07:00', windowEnd: '19:00', weekdays: [1, 2, 3, 4, 5] },
  });

  it('runs the 09:30 slot on time and catches up one run for the afternoon missed in a meeting-room sleep', () => {
    const nine30 = at('2026-06-15T23:30:00Z'); // Tue 09:30
    expect(
      decide(input({ settings: intervals, lastScheduledSlotHandled: at('2026-06-15T23:00:00Z'), now: plusMinutes(nine30, 1) })),
    ).toMatchObject({
      trigger: 'scheduled',
      slot: nine30,
      slotKind: 'interval',
      reason: 'Starting the 09:30 interval sync.',
    });
    // Asleep 13:10–16:45: slots 13:30 … 16:30 (seven of them) make one catch-up for 16:30.
    const decision = decide(
      input({
        settings: intervals,
        lastScheduledSlotHandled: at('2026-06-16T03:00:00Z'),
        now: at('2026-06-16T06:45:00Z'),
        occasion: 'wake',
      }),
    );
    expect(decision).toEqual({
      action: 'run',
      trigger: 'catch_up',
      slot: at('2026-06-16T06:30:00Z'),
      slotKind: 'interval',
      reason: 'Catching up on 7 scheduled syncs missed while this computer was asleep, with one sync now.',
    });
  });

  it('waits overnight once the window has closed', () => {
    const decision = decide(
      input({ settings: intervals, lastScheduledSlotHandled: at('2026-06-16T08:30:00Z'), now: at('2026-06-16T09:10:00Z') }),
    );
    expect(decision).toEqual({
      action: 'wait',
      reason: 'Up to date; the next scheduled sync is the interval sync tomorrow at 07:00.',
      until: at('2026-06-16T21:00:00Z'),
    });
  });
});

describe('decide: retrying a failed scheduled run', () => {
  const failedAt = plusMinutes(tuesday0300, 1); // 03:01 Melbourne
  const failed = (retries: number) => [{ runId: 7, source: 'north', failedAt, retries }];
  const handled = { lastScheduledSlotHandled: tuesday0300 };

  it('waits for the backoff, saying when and which attempt, then retries only the failed source', () => {
    expect(decide(input({ ...handled, now: plusMinutes(failedAt, 1), failed: failed(0) }))).toEqual({
      action: 'wait',
      reason: 'Run 7 failed; it is retried today at 03:06 (attempt 1 of 3).',
      until: plusMinutes(failedAt, 5),
    });
    expect(decide(input({ ...handled, now: plusMinutes(failedAt, 5), failed: failed(0) }))).toEqual({
      action: 'run',
      trigger: 'retry',
      slot: null,
      sources: ['north'],
      reason: 'Retrying the failed scheduled sync: run 7 (attempt 1 of 3).',
    });
  });

  it('backs off 15 and then 45 minutes, and after three retries waits for the next slot', () => {
    expect(decide(input({ ...handled, now: plusMinutes(failedAt, 14), failed: failed(1) }))).toMatchObject({
      action: 'wait',
      until: plusMinutes(failedAt, 15),
    });
    expect(decide(input({ ...handled, now: plusMinutes(failedAt, 15), failed: failed(1) }))).toMatchObject({
      action: 'run',
      trigger: 'retry',
    });
    expect(decide(input({ ...handled, now: plusMinutes(failedAt, 45), failed: failed(2) }))).toMatchObject({
      action: 'run',
      trigger: 'retry',
    });
    expect(decide(input({ ...handled, now: plusMinutes(failedAt, 600), failed: failed(3) }))).toEqual({
      action: 'wait',
      reason: 'Up to date; the next scheduled sync is the nightly sync tomorrow at 03:00.',
      until: wednesday0300,
    });
  });

  it('never retries past the next slot, which syncs every source anyway', () => {
    const lateFailure = [{ runId: 8, source: 'north', failedAt: plusMinutes(wednesday0300, -3), retries: 0 }];
    expect(decide(input({ ...handled, now: plusMinutes(wednesday0300, -2), failed: lateFailure }))).toMatchObject({
      action: 'wait',
      until: wednesday0300,
    });
    expect(decide(input({ ...handled, now: wednesday0300, failed: lateFailure }))).toMatchObject({
      action: 'run',
      trigger: 'scheduled',
      slot: wednesday0300,
      slotKind: 'nightly',
    });
  });
});
