import type { SyncPhase, SyncProgressView } from '../domain';
import { EtaSmoother, runSecondsLeft } from './run-eta';

/** The engine's progress is exactly what the faces show (defined once, in the domain). */
export type SyncProgress = SyncProgressView;

/** A run's progress before its first phase: nothing done, nothing known. */
export function startingProgress(runId: number, source: string, phases: readonly SyncPhase[]): SyncProgress {
  return {
    runId,
    source,
    phase: phases[0] ?? 'connect',
    step: 0,
    steps: phases.length,
    done: 0,
    total: null,
    percent: 0,
    etaSeconds: null,
    requests: 0,
    waitingUntil: null,
  };
}

export interface ProgressClock {
  now(): number;
}

/** At most ten updates a second reach the faces, whatever the engine reports. */
export const MIN_EMIT_INTERVAL_MS = 100;

/**
 * Turns the engine's many small updates into a calm stream: at most one event per 100 ms, and the
 * latest state always follows within that time (so the last update of a phase is never lost, only
 * merged into the next), with a percentage over the whole run (each phase an equal share of it) and
 * an ETA for the whole run: its pace so far, the credential's request rate and any rate-limit wait
 * in progress (see runSecondsLeft), steadied so it counts down rather than jumps (EtaSmoother).
 */
export class ProgressTracker {
  #state: SyncProgress;
  #lastEmit = -Infinity;
  #phaseStartedAt = 0;
  readonly #runStartedAt: number;
  #pending: ReturnType<typeof setTimeout> | null = null;
  readonly #phases: SyncPhase[];
  readonly #requestsPerMinute: number | null;
  readonly #smoother = new EtaSmoother();

  constructor(
    init: { runId: number; source: string; phases: SyncPhase[]; requestsPerMinute?: number | null },
    private readonly emit: (progress: SyncProgress) => void,
    private readonly clock: ProgressClock = { now: () => Date.now() },
  ) {
    this.#phases = init.phases;
    this.#requestsPerMinute = init.requestsPerMinute ?? null;
    this.#runStartedAt = clock.now();
    this.#state = startingProgress(init.runId, init.source, init.phases);
  }

  get current(): SyncProgress {
    return { ...this.#state };
  }

  startPhase(phase: SyncPhase, total: number | null = null): void {
    this.#phaseStartedAt = this.clock.now();
    this.#update({ phase, step: this.#phases.indexOf(phase) + 1, done: 0, total, waitingUntil: null });
  }

  advance(done: number, total: number | null, requests: number): void {
    this.#update({ done, total: total ?? this.#state.total, requests, waitingUntil: null });
  }

  /** A rate limit holds the run until `until` (null: no longer waiting). */
  waiting(until: Date | null, requests: number): void {
    this.#update({ waitingUntil: until ? until.toISOString() : null, requests });
  }

  /** The run got through every phase: the bar reaches its end. */
  complete(requests: number): void {
    this.#state = {
      ...this.#state,
      step: this.#state.steps,
      done: this.#state.total ?? this.#state.done,
      percent: 100,
      etaSeconds: 0,
      requests,
      waitingUntil: null,
    };
  }

  /** Sends the current state now (end of run). */
  flush(): void {
    if (this.#pending) clearTimeout(this.#pending);
    this.#pending = null;
    this.#lastEmit = this.clock.now();
    this.emit(this.current);
  }

  dispose(): void {
    if (this.#pending) clearTimeout(this.#pending);
    this.#pending = null;
  }

  #update(patch: Partial<SyncProgress>): void {
    const next = { ...this.#state, ...patch };
    next.percent = this.#percent(next);
    next.etaSeconds = this.#eta(next);
    this.#state = next;
    const now = this.clock.now();
    if (now - this.#lastEmit >= MIN_EMIT_INTERVAL_MS) {
      this.flush();
    } else if (!this.#pending) {
      this.#pending = setTimeout(() => this.flush(), MIN_EMIT_INTERVAL_MS - (now - this.#lastEmit));
    }
  }

  #percent(s: SyncProgress): number | null {
    if (s.steps === 0 || s.step === 0) return 0;
    const within = s.total && s.total > 0 ? Math.min(1, s.done / s.total) : 0;
    return Math.min(100, Math.round(((s.step - 1 + within) / s.steps) * 1000) / 10);
  }

  #eta(s: SyncProgress): number | null {
    const now = this.clock.now();
    const waitLeftMs = s.waitingUntil ? Math.max(0, Date.parse(s.waitingUntil) - now) : 0;
    const raw = runSecondsLeft({
      elapsedMs: now - this.#runStartedAt,
      percent: s.percent ?? 0,
      requests: s.requests,
      requestsPerMinute: this.#requestsPerMinute,
      waitLeftMs,
      stepLeftMs: this.#stepLeftMs(s, now),
    });
    return this.#smoother.next(raw, waitLeftMs, now);
  }

  /** The current step's remaining time from its own pace, when it knows its total. */
  #stepLeftMs(s: SyncProgress, now: number): number | null {
    if (!s.total || s.done === 0) return null;
    if (s.done >= s.total) return 0;
    return ((now - this.#phaseStartedAt) / s.done) * (s.total - s.done);
  }
}
