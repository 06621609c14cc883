import { Scheduler } from '../../../electron/core/schedule';
import type { CronLike, DeferredRun, FailedScheduledRun, RunDecision, ScheduleSettings } from '../../../electron/core/schedule';

export const TICK_MS = 30_000;

interface FakeCronTask {
  expression: string;
  timezone: string;
  fire: () => void;
  destroyed: boolean;
}

/**
 * A scheduler wired to a fake clock, a fake cron (fires only when the test says so), a fake interval
 * timer and in-memory state. `runFor` lets time pass with the process awake (ticking);
 * `sleepFor` moves the clock with no ticks, as a suspended process sees it.
 */
export function schedulerHarness(settings: ScheduleSettings, options: { now: Date; lastHandled: Date | null }) {
  let now = options.now;
  let tick: (() => void) | null = null;
  const cronTasks: FakeCronTask[] = [];
  const state = {
    lastHandled: options.lastHandled,
    runInProgress: false,
    deferred: null as DeferredRun | null,
    failed: [] as FailedScheduledRun[],
    /** Called as each run starts, to play its outcome into the state (e.g. a failure). */
    onRun: (_decision: RunDecision, _at: Date): void => undefined,
  };
  const dueCalls: Array<{ at: Date; decision: RunDecision }> = [];
  let runDuration: Promise<unknown> | undefined;

  const cron: CronLike = {
    schedule(expression, fire, cronOptions) {
      const task: FakeCronTask = { expression, timezone: cronOptions.timezone, fire, destroyed: false };
      cronTasks.push(task);
      return {
        destroy() {
          task.destroyed = true;
        },
      };
    },
  };

  const scheduler = new Scheduler(settings, {
    now: () => now,
    cron,
    setInterval(callback, ms) {
      if (ms !== TICK_MS) throw new Error(`unexpected tick period ${ms}`);
      tick = callback;
      return 'tick-handle';
    },
    clearInterval(handle) {
      if (handle === 'tick-handle') tick = null;
    },
    state: {
      lastScheduledSlotHandled: () => state.lastHandled,
      markSlotHandled: (slot) => {
        state.lastHandled = slot;
      },
      runInProgress: () => state.runInProgress,
      deferred: () => state.deferred,
      failed: () => state.failed,
    },
    onDue(decision) {
      dueCalls.push({ at: now, decision });
      state.onRun(decision, now);
      return runDuration;
    },
    tickMs: TICK_MS,
  });

  return {
    scheduler,
    state,
    dueCalls,
    liveCronTasks: () => cronTasks.filter((task) => !task.destroyed),
    isTicking: () => tick !== null,
    /** Makes every following run last until the returned function is called. */
    holdRuns(): () => void {
      let finish: () => void = () => undefined;
      runDuration = new Promise<void>((resolve) => {
        finish = () => {
          runDuration = undefined;
          resolve();
        };
      });
      return finish;
    },
    runFor(ms: number): void {
      for (let elapsed = TICK_MS; elapsed <= ms; elapsed += TICK_MS) {
        now = new Date(now.getTime() + TICK_MS);
        tick?.();
      }
    },
    sleepFor(ms: number): void {
      now = new Date(now.getTime() + ms);
    },
    fireCron(): void {
      for (const task of cronTasks.filter((candidate) => !candidate.destroyed)) task.fire();
    },
    now: () => now,
  };
}
