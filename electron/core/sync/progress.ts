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

interface Lane {
  done: number;
  total: number | null;
  startedAt: number;
}

/**
 * Turns the engine's many small updates into a calm stream: at most one event per 100 ms, and the
 * latest state always follows within that time (so the last update of a phase is never lost, only
 * merged into the next), with a percentage over the whole run (each phase an equal share of it) and
 * an ETA for the whole run: its pace so far, the credential's request rate and any rate-limit wait
 * in progress (see runSecondsLeft), steadied so it counts down rather than jumps (EtaSmoother).
 *
 * Phases run one after another unless the engine says which run together (`together`). Each running
 * phase keeps its own count; the one shown is the earliest of them in the run's order, and the
 * percentage adds up every phase's share: done ones whole, running ones by their count.
 */
export class ProgressTracker {
  #state: SyncProgress;
  #lastEmit = -Infinity;
  #pending: ReturnType<typeof setTimeout> | null = null;
  readonly #phases: SyncPhase[];
  readonly #lanes = new Map<SyncPhase, Lane>();
  readonly #finished = new Set<SyncPhase>();
  #together = new Set<SyncPhase>();
  /** Requests sent when the rate limit began to hold the run: the wait is over once another is sent. */
  #requestsAtWait = 0;
  /** Whether the latest wait has reached the faces: a wait shorter than the throttle is still shown once. */
  #waitShown = true;
  readonly #runStartedAt: number;
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

  /** These phases run at the same time: starting one does not end the others (see finishPhase). */
  together(phases: readonly SyncPhase[]): void {
    this.#together = new Set(phases);
  }

  /** A phase begins; in a run one after another, it ends the phase before it. */
  startPhase(phase: SyncPhase, total: number | null = null): void {
    for (const running of this.#lanes.keys()) {
      if (!(this.#together.has(running) && this.#together.has(phase))) this.finishPhase(running, false);
    }
    this.#finished.delete(phase);
    this.#lanes.set(phase, { done: 0, total, startedAt: this.clock.now() });
    this.#update({});
  }

  /** A phase that ran alongside others is done. */
  finishPhase(phase: SyncPhase, show = true): void {
    const lane = this.#lanes.get(phase);
    if (!lane) return;
    this.#lanes.delete(phase);
    this.#finished.add(phase);
    if (show) this.#update({});
  }

  advance(phase: SyncPhase, done: number, total: number | null, requests: number): void {
    const lane = this.#lanes.get(phase);
    if (lane) {
      lane.done = done;
      lane.total = total ?? lane.total;
    }
    // Pages of requests sent before a wait still arrive during it, side by side: only a request sent
    // after it ends the wait, and only once the wait has been shown.
    const waitOver = requests > this.#requestsAtWait && this.#waitShown;
    this.#update({ requests, ...(waitOver ? { waitingUntil: null } : {}) });
  }

  /** A rate limit holds the run until `until` (null: no longer waiting). */
  waiting(until: Date | null, requests: number): void {
    this.#requestsAtWait = requests;
    this.#waitShown = until === null;
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
    this.#waitShown = true;
    this.emit(this.current);
  }

  dispose(): void {
    if (this.#pending) clearTimeout(this.#pending);
    this.#pending = null;
  }

  /** The running phase shown: the earliest of them in the run's order. */
  #shown(): [SyncPhase, Lane] | null {
    let shown: [SyncPhase, Lane] | null = null;
    for (const entry of this.#lanes) if (!shown || this.#phases.indexOf(entry[0]) < this.#phases.indexOf(shown[0])) shown = entry;
    return shown;
  }

  #update(patch: Partial<SyncProgress>): void {
    const next = { ...this.#state, ...patch };
    const shown = this.#shown();
    if (shown) {
      const [phase, lane] = shown;
      Object.assign(next, { phase, step: this.#phases.indexOf(phase) + 1, done: lane.done, total: lane.total });
      next.percent = this.#percent(phase);
    }
    next.etaSeconds = this.#eta(next, shown?.[1] ?? null);
    this.#state = next;
    const now = this.clock.now();
    if (now - this.#lastEmit >= MIN_EMIT_INTERVAL_MS) {
      this.flush();
    } else if (!this.#pending) {
      this.#pending = setTimeout(() => this.flush(), MIN_EMIT_INTERVAL_MS - (now - this.#lastEmit));
    }
  }

  /**
   * Each phase an equal share: done ones (and any before the shown one) whole, running ones by their
   * count. Between phases (none running) the last figure stands.
   */
  #percent(shown: SyncPhase): number {
    const steps = this.#phases.length;
    if (steps === 0) return 0;
    const shownIndex = this.#phases.indexOf(shown);
    let share = 0;
    this.#phases.forEach((phase, index) => {
      const lane = this.#lanes.get(phase);
      if (lane) share += lane.total && lane.total > 0 ? Math.min(1, lane.done / lane.total) : 0;
      else if (this.#finished.has(phase) || index < shownIndex) share += 1;
    });
    return Math.min(100, Math.round((share / steps) * 1000) / 10);
  }

  #eta(s: SyncProgress, lane: Lane | null): number | null {
    const now = this.clock.now();
    const waitLeftMs = s.waitingUntil ? Math.max(0, Date.parse(s.waitingUntil) - now) : 0;
    const raw = runSecondsLeft({
      elapsedMs: now - this.#runStartedAt,
      percent: s.percent ?? 0,
      requests: s.requests,
      requestsPerMinute: this.#requestsPerMinute,
      waitLeftMs,
      stepLeftMs: lane ? stepLeftMs(lane, now) : null,
    });
    return this.#smoother.next(raw, waitLeftMs, now);
  }
}

/** The shown phase's remaining time from its own pace, when it knows its total. */
function stepLeftMs(lane: Lane, now: number): number | null {
  if (!lane.total || lane.done === 0) return null;
  if (lane.done >= lane.total) return 0;
  return ((now - lane.startedAt) / lane.done) * (lane.total - lane.done);
}
