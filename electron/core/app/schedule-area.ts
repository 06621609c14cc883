import cron from 'node-cron';
import type { Cache } from '../db';
import type { ScheduleStatusView, SyncRun } from '../domain';
import {
  failedScheduledRun,
  pendingRetries,
  RETRY_BACKOFF_MS,
  Scheduler,
  type CronLike,
  type Decision,
  type DeferredRun,
  type FailedScheduledRun,
  type RunDecision,
} from '../schedule';
import type { SettingsStore } from '../settings/app-settings';
import type { ScheduleStateFile } from './schedule-state-file';
import type { ServiceEvents } from './service-events';
import type { SyncCoordinator } from './sync-coordinator';

export interface ScheduleAreaDeps {
  cache: Cache;
  settings: SettingsStore;
  state: ScheduleStateFile;
  /** The coordinator, or on a desk of a clinic hub the clinic-wide starter (one pull per clinic). */
  coordinator: Pick<SyncCoordinator, 'busy' | 'start'>;
  events: ServiceEvents;
  now: () => Date;
  log: (level: 'info' | 'warn', message: string) => void;
  /** node-cron unless a test supplies a fake. */
  cron?: CronLike;
}

/**
 * The nightly and interval syncs of the long-lived faces (desktop, `clinicsync serve`). Rules live in
 * core/schedule; this wires them to the settings, the run history and the sync coordinator.
 */
export class ScheduleArea {
  readonly #scheduler: Scheduler;

  constructor(private readonly deps: ScheduleAreaDeps) {
    this.#scheduler = new Scheduler(deps.settings.read().schedule, {
      now: deps.now,
      cron: deps.cron ?? (cron as unknown as CronLike),
      setInterval: (tick, ms) => setInterval(tick, ms).unref(),
      clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
      state: {
        lastScheduledSlotHandled: () => deps.state.lastSlotHandled(),
        markSlotHandled: (slot) => deps.state.markSlotHandled(slot),
        runInProgress: () => deps.coordinator.busy,
        deferred: () => this.deferred(),
        failed: () => this.failed(),
      },
      onDue: (decision) => this.run(decision),
    });
  }

  /** Starts firing (and catches up on a slot missed while ClinicSync was closed). */
  start(): void {
    this.#scheduler.start();
    this.changed();
  }

  stop(): void {
    this.#scheduler.stop();
  }

  /** The computer woke: check now rather than at the next tick. Returns what was decided. */
  wake(): Decision {
    return this.#scheduler.wake();
  }

  /** Settings changed: reschedule. */
  reload(): void {
    this.#scheduler.update(this.deps.settings.read().schedule);
    this.changed();
  }

  setPaused(paused: boolean): ScheduleStatusView {
    const settings = this.deps.settings.read();
    this.deps.settings.write({ ...settings, schedule: { ...settings.schedule, enabled: !paused } });
    this.reload();
    return this.status();
  }

  status(): ScheduleStatusView {
    const status = this.#scheduler.status();
    const paused = !this.deps.settings.read().schedule.enabled;
    const last = this.deps.cache.runs.list({ limit: 1, offset: 0 }).rows[0];
    return {
      active: !paused && status.nextRun !== null,
      paused,
      description: status.description,
      nextRunAt: paused ? null : (status.nextRun?.at.toISOString() ?? null),
      lastRun: last ? { at: last.finishedAt ?? last.startedAt, status: last.status } : null,
      resumeAt: this.deferred()?.resumeAt.toISOString() ?? null,
      retry: paused ? null : this.nextRetry(status.nextRun?.at ?? null),
    };
  }

  /** The next retry of a failed scheduled run, for the tray and the console. */
  private nextRetry(nextSlot: Date | null): ScheduleStatusView['retry'] {
    const retry = pendingRetries(this.failed(), nextSlot)[0];
    return retry ? { at: retry.at.toISOString(), runId: retry.failed.runId, attempt: retry.attempt, attempts: retry.attempts } : null;
  }

  /** Sources whose latest run was started by the schedule and failed, with the retries made since. */
  private failed(): FailedScheduledRun[] {
    return this.deps.cache.sources.list().flatMap((source) => {
      const recent = this.deps.cache.runs.list({ source: source.id, limit: RETRY_BACKOFF_MS.length + 1, offset: 0 }).rows;
      return failedScheduledRun(recent) ?? [];
    });
  }

  /** The earliest deferred run that no later run of its source has superseded. */
  private deferred(): DeferredRun | null {
    let earliest: DeferredRun | null = null;
    for (const run of this.latestRuns()) {
      if (run.status !== 'deferred' || run.resumeAt === null) continue;
      const resumeAt = new Date(run.resumeAt);
      if (!earliest || resumeAt < earliest.resumeAt) earliest = { runId: run.id, resumeAt };
    }
    return earliest;
  }

  private latestRuns(): SyncRun[] {
    return this.deps.cache.sources.list().flatMap((source) => this.deps.cache.runs.list({ source: source.id, limit: 1, offset: 0 }).rows);
  }

  private async run(decision: RunDecision): Promise<unknown> {
    this.deps.log('info', decision.reason);
    // A retry of failed runs names its sources; a continuation continues the deferred ones; a slot syncs them all.
    const sources =
      decision.sources ??
      (decision.trigger === 'retry'
        ? this.latestRuns()
            .filter((run) => run.status === 'deferred')
            .map((run) => run.source)
        : undefined);
    try {
      const slot = decision.slotKind ? { slot: decision.slotKind } : {};
      const start = await this.deps.coordinator.start({ sources, mode: 'incremental', trigger: decision.trigger, ...slot });
      for (const refused of start.refused) this.deps.log('warn', refused.message);
      return await start.done;
    } catch (err) {
      this.deps.log('warn', `The scheduled sync could not start: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    } finally {
      this.changed();
    }
  }

  private changed(): void {
    this.deps.events.emit('scheduleChanged', this.status());
  }
}
