/**
 * A clinic's day on IntakeQ, simulated: the real service (schedule → coordinator → budget planner →
 * engine → encrypted cache) against the IntakeQ emulator over loopback, on one clock that only moves
 * when told. Rate-limit waits move it instead of sleeping, so a day of hourly syncs at IntakeQ's real
 * 10 requests a minute runs in seconds, and the day's budget is IntakeQ's real 500.
 *
 * The front desk (front-desk.ts) works between the syncs, each hour, with one "tracer" change to an
 * appointment in the next 7 days that must be in the cache after the next interval sync.
 */
import type { Cache } from '../../electron/core/db';
import type { SyncRun } from '../../electron/core/domain';
import type { CronLike } from '../../electron/core/schedule';
import { instantOfLocalTime } from '../../electron/core/schedule/zoned-time';
import { startIntakeqEmulator, type IntakeqControl, type RunningEmulator } from '../../electron/emulators';
import { CHANGES_PER_HOUR_AT_20K, FrontDesk, type HourlyChanges, type TracerChange } from './front-desk';
import { TestClock } from './test-clock';
import { openTestService, type TestService } from './test-service';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const idleCron: CronLike = { schedule: () => ({ destroy: () => undefined }) };

/** The clinic: New York, nightly at 03:00, hourly from 07:00 to 19:00 (both included) on weekdays. */
export const CLINIC_SCHEDULE = {
  timeZone: 'America/New_York',
  nightly: { enabled: true, time: '03:00' },
  interval: { enabled: true, everyMinutes: 60, windowStart: '07:00', windowEnd: '20:00', weekdays: [1, 2, 3, 4, 5] },
};

/** A tracer change, and whether the interval sync right after it brought it. */
export interface TracedChange extends TracerChange {
  /** The interval sync right after it (null when none ran). */
  nextRun: SyncRun | null;
  /** Whether the cache held it once that sync had finished. */
  seen: boolean;
}

export interface DayReport {
  day: string;
  /** Requests the emulator received between the budget day's start and end (00:00–24:00 UTC). */
  requests: number;
  runs: SyncRun[];
  tracers: TracedChange[];
}

export interface SimulatedPracticeOptions {
  patients: number;
  seed?: number;
  /** Front-desk changes per hour for every 20,000 patients (scaled down for smaller practices). */
  changesPer20k?: Partial<HourlyChanges>;
  /** A smaller daily budget than IntakeQ's 500 (the client's count; the emulator's is lifted). */
  perDay?: number;
}

export class SimulatedPractice {
  private constructor(
    readonly emulator: RunningEmulator<IntakeqControl>,
    readonly service: TestService,
    readonly cache: Cache,
    readonly clock: TestClock,
    private readonly frontDesk: FrontDesk,
  ) {}

  static async start(options: SimulatedPracticeOptions, anchor: string): Promise<SimulatedPractice> {
    const clock = new TestClock(anchor, { running: false });
    // The emulator's own daily cap is lifted: the client keeps IntakeQ's 500 itself (persisted in the
    // cache) and this harness counts what the emulator received, day by day.
    const emulator = await startIntakeqEmulator({
      patients: options.patients,
      seed: options.seed ?? 5,
      latencyMs: { min: 0, max: 0 },
      now: clock.now,
      rateLimit: { perMinute: 10, perDay: 1e9 },
    });
    const service = openTestService({
      now: clock.now,
      cron: idleCron,
      connectorOptions: {
        ...(options.perDay ? { rateLimits: { perDay: options.perDay } } : {}),
        sleep: async (ms) => {
          clock.advance(Math.max(0, ms));
        },
      },
    });
    service.service.settings.update({ schedule: CLINIC_SCHEDULE });
    await service.service.sources.add({ kind: 'intakeq', name: 'Brightpath', apiKey: emulator.apiKey, baseUrl: emulator.url });
    const desk = new FrontDesk(emulator.control, { ...CHANGES_PER_HOUR_AT_20K, ...options.changesPer20k }, options.patients / 20_000);
    return new SimulatedPractice(emulator, service, service.openCache(), clock, desk);
  }

  get sourceId(): string {
    const source = this.cache.sources.list()[0];
    if (!source) throw new Error('No source');
    return source.id;
  }

  /** Moves the clock forward to `iso` (never back: a run that overran a slot makes it late). */
  moveTo(iso: string | number): void {
    const target = typeof iso === 'number' ? iso : Date.parse(iso);
    if (target > this.clock.ms()) this.clock.advance(target - this.clock.ms());
  }

  /** Waits for the run the schedule (or a start) set off; resolves with it, or null when none started. */
  private async nextFinished(start: () => boolean): Promise<SyncRun | null> {
    const finished = new Promise<SyncRun>((resolve) => {
      const stop = this.service.service.events.on('finished', (run) => {
        stop();
        resolve(run);
      });
    });
    if (!start()) return null;
    const run = await finished;
    await this.service.service.sync.idle();
    return run;
  }

  /** The schedule's check at this moment (as on waking); the run it starts, if any. */
  wake(): Promise<SyncRun | null> {
    return this.nextFinished(() => this.service.service.schedule.wake().action === 'run');
  }

  /** The first full load, continued day by day while the daily budget defers it. */
  async loadEverything(): Promise<SyncRun> {
    // Started for its launch check (the first slot handled is now), then its timers stopped: from here
    // on the schedule decides only when this harness wakes it, at the moments the day sets.
    this.service.service.schedule.start();
    this.service.service.schedule.stop();
    let run = await this.nextFinished(() => this.startSync('full', 'manual'));
    while (run?.status === 'deferred' && run.resumeAt) {
      this.moveTo(Date.parse(run.resumeAt) + 1000);
      run = await this.wake();
    }
    if (run?.status !== 'completed') throw new Error(`The first load ended ${run?.status ?? 'without a run'}`);
    return run;
  }

  /**
   * One day (YYYY-MM-DD, the clinic's date): the nightly sync, then each working hour's changes and
   * the interval sync after them. `planned: false` runs every slot as today's code would without the
   * planner (an incremental sync over the full windows), for the baseline.
   */
  async runDay(day: string, planned = true): Promise<DayReport> {
    const dayStartUtc = Date.parse(`${day}T00:00:00Z`);
    this.moveTo(dayStartUtc);
    const requestsAtStart = this.emulator.stats().requests;
    const tracers: TracedChange[] = [];
    const runs: SyncRun[] = [];
    const slot = async (localHour: number): Promise<SyncRun | null> => {
      this.moveTo(this.localTime(day, localHour));
      const run = planned ? await this.wake() : await this.unplannedRun();
      if (run) runs.push(run);
      return run;
    };
    // Just after midnight UTC, as the schedule's own check would: a run deferred by yesterday's spent budget continues.
    this.moveTo(dayStartUtc + 1000);
    const continued = planned ? await this.wake() : await this.continueDeferred();
    if (continued) runs.push(continued);
    await slot(3);
    for (let hour = 7; hour <= 19; hour++) {
      const run = await slot(hour);
      // Only the interval sync right after a change counts: within one interval.
      const last = tracers.at(-1);
      if (last) {
        last.nextRun = run;
        last.seen = this.tracerInCache(last);
      }
      if (hour < 19) {
        this.moveTo(this.localTime(day, hour) + 20 * MINUTE_MS);
        tracers.push({ ...this.frontDesk.workHour(this.clock.ms()), nextRun: null, seen: false });
      }
    }
    this.moveTo(dayStartUtc + DAY_MS);
    return { day, requests: this.emulator.stats().requests - requestsAtStart, runs, tracers };
  }

  /** Today's behaviour without the planner: a scheduled incremental sync over the full windows. */
  private unplannedRun(): Promise<SyncRun | null> {
    return this.nextFinished(() => this.startSync('incremental', 'scheduled'));
  }

  /** Without the planner, a deferred run continues as the schedule continues it: an incremental sync of the source. */
  private async continueDeferred(): Promise<SyncRun | null> {
    const latest = this.cache.runs.list({ source: this.sourceId, limit: 1, offset: 0 }).rows[0];
    if (latest?.status !== 'deferred') return null;
    return this.nextFinished(() => this.startSync('incremental', 'retry'));
  }

  private startSync(mode: 'full' | 'incremental', trigger: 'manual' | 'scheduled' | 'retry'): boolean {
    this.service.service.sync.start({ mode, trigger }).catch((err: unknown) => {
      throw new Error(`The sync did not start: ${String(err)}`);
    });
    return true;
  }

  private localTime(day: string, hour: number): number {
    const [year, month, date] = day.split('-').map(Number) as [number, number, number];
    return instantOfLocalTime(CLINIC_SCHEDULE.timeZone, { year, month, day: date }, hour * 60).getTime();
  }

  private tracerInCache(tracer: TracerChange): boolean {
    const row = this.cache.appointments.get(this.sourceId, tracer.appointmentId);
    if (!row) return false;
    return tracer.kind === 'cancelled' ? row.status === 'cancelled' : row.startsAt === tracer.startsAt;
  }

  async close(): Promise<void> {
    this.service.service.schedule.stop();
    this.cache.close();
    await this.service.dispose();
    await this.emulator.close();
  }
}
