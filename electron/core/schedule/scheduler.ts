import { cronExpressions } from './cron-expressions';
import { decide } from './decide';
import type { CheckOccasion, Decision, DeferredRun, RunDecision } from './decide';
import { describeSchedule } from './describe-schedule';
import type { FailedScheduledRun } from './retry';
import type { ScheduleSettings } from './schedule-settings';
import { nextRun } from './slots';
import type { ScheduledSlot } from './slots';

/** The part of node-cron the scheduler uses; node-cron's default export satisfies it. */
export interface CronLike {
  schedule(expression: string, fire: () => void, options: { timezone: string; name: string; suppressMissedWarning: boolean }): CronTaskLike;
}

export interface CronTaskLike {
  destroy(): void | Promise<void>;
}

/** What the scheduler reads and records; persisting it (across restarts) is the caller's job. */
export interface SchedulerState {
  lastScheduledSlotHandled(): Date | null;
  markSlotHandled(slot: Date): void;
  runInProgress(): boolean;
  deferred(): DeferredRun | null;
  /** Sources whose latest scheduled run failed (retried with backoff); none when left out. */
  failed?(): FailedScheduledRun[];
}

export interface SchedulerDeps {
  now(): Date;
  cron: CronLike;
  setInterval(tick: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  state: SchedulerState;
  /**
   * Called only when a run is due; the slot is already recorded as handled. A returned promise (the
   * run) keeps the scheduler from starting another run until it settles.
   */
  onDue(decision: RunDecision): void | Promise<unknown>;
  /** How often the wall clock is checked; defaults to DEFAULT_TICK_MS. */
  tickMs?: number;
}

export interface SchedulerStatus {
  active: boolean;
  nextRun: ScheduledSlot | null;
  description: string;
}

export const DEFAULT_TICK_MS = 30_000;

// A tick this many periods after the previous check means the process was suspended: the computer slept.
const SLEEP_GAP_TICKS = 3;

/**
 * Owns the node-cron tasks and a periodic wall-clock tick, and asks `decide` on each of them.
 * Cron fires are only prompts: the tick also covers slots node-cron skips (DST changes) and slots
 * missed while the computer slept, since power events alone are not trusted to arrive.
 */
export class Scheduler {
  private settings: ScheduleSettings;
  private readonly deps: SchedulerDeps;
  private tasks: CronTaskLike[] = [];
  private timer: unknown = null;
  private lastCheckAt: Date | null = null;
  private runStartedHere = false;

  constructor(settings: ScheduleSettings, deps: SchedulerDeps) {
    this.settings = settings;
    this.deps = deps;
  }

  /** Starts firing and makes the launch check (which may catch up on a slot missed while closed). */
  start(): void {
    if (this.timer !== null) return;
    const tickMs = this.deps.tickMs ?? DEFAULT_TICK_MS;
    this.timer = this.deps.setInterval(() => this.tick(tickMs), tickMs);
    this.scheduleCronTasks();
    this.check('launch');
  }

  /** For a face that does receive power events (Electron's `resume`): check at once instead of at the next tick. */
  wake(): Decision {
    return this.check('wake');
  }

  /** Decides now and, when a run is due, hands it to onDue. Returns the decision for logging. */
  check(occasion: CheckOccasion = 'tick'): Decision {
    const now = this.deps.now();
    this.lastCheckAt = now;
    const { state } = this.deps;
    // A brand-new install starts counting slots from now instead of catching up on history.
    if (state.lastScheduledSlotHandled() === null) state.markSlotHandled(now);
    const decision = decide({
      settings: this.settings,
      now,
      lastScheduledSlotHandled: state.lastScheduledSlotHandled(),
      runInProgress: this.runStartedHere || state.runInProgress(),
      deferred: state.deferred(),
      failed: state.failed?.() ?? [],
      occasion,
    });
    if (decision.action === 'run') this.dispatch(decision);
    return decision;
  }

  update(settings: ScheduleSettings): void {
    this.settings = settings;
    if (this.timer !== null) this.scheduleCronTasks();
  }

  pause(): void {
    this.update({ ...this.settings, enabled: false });
  }

  resume(): void {
    this.update({ ...this.settings, enabled: true });
  }

  /** The settings in force, including pause state, for the caller to persist. */
  currentSettings(): ScheduleSettings {
    return this.settings;
  }

  status(): SchedulerStatus {
    const now = this.deps.now();
    const next = nextRun(this.settings, now);
    return { active: this.timer !== null && next !== null, nextRun: next, description: describeSchedule(this.settings, now) };
  }

  stop(): void {
    if (this.timer !== null) this.deps.clearInterval(this.timer);
    this.timer = null;
    this.destroyCronTasks();
  }

  private tick(tickMs: number): void {
    const now = this.deps.now();
    const slept = this.lastCheckAt !== null && now.getTime() - this.lastCheckAt.getTime() > SLEEP_GAP_TICKS * tickMs;
    this.check(slept ? 'wake' : 'tick');
  }

  private dispatch(decision: RunDecision): void {
    if (decision.slot) this.deps.state.markSlotHandled(decision.slot);
    const run = this.deps.onDue(decision);
    if (!run) return;
    this.runStartedHere = true;
    const settled = () => {
      this.runStartedHere = false;
    };
    run.then(settled, settled);
  }

  private scheduleCronTasks(): void {
    this.destroyCronTasks();
    this.tasks = cronExpressions(this.settings).map(({ expression, kind }, index) =>
      this.deps.cron.schedule(expression, () => this.check('cron'), {
        timezone: this.settings.timeZone,
        name: `clinicsync-${kind}-${index}`,
        // Missed fires are caught up by the wall-clock check; node-cron's own warning would only add noise.
        suppressMissedWarning: true,
      }),
    );
  }

  private destroyCronTasks(): void {
    for (const task of this.tasks) void task.destroy();
    this.tasks = [];
  }
}
