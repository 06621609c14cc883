/**
 * How much one browser console may ask of the host. A real console opens one socket per tab and sends
 * a few dozen requests when a page loads; anything far beyond that is a runaway or hostile client,
 * and is closed before it can slow down the consoles staff are using.
 */
export interface SocketLimits {
  /** Open, authorised sockets at once (one per console tab). */
  maxSockets: number;
  /** Requests a socket may send in a burst… */
  burst: number;
  /** …and per second after that. */
  perSecond: number;
  /** Requests of one socket being answered at once; the rest wait their turn in order. */
  maxInFlight: number;
}

export const DEFAULT_SOCKET_LIMITS: SocketLimits = { maxSockets: 32, burst: 200, perSecond: 50, maxInFlight: 4 };

/** A token bucket: `burst` requests at once, refilled at `perSecond`. The clock is injected for tests. */
export class RequestBudget {
  #tokens: number;
  #at: number;

  constructor(
    private readonly limits: Pick<SocketLimits, 'burst' | 'perSecond'>,
    private readonly now: () => number,
  ) {
    this.#tokens = limits.burst;
    this.#at = now();
  }

  /** Spends one request; false when the socket has used up its budget. */
  take(): boolean {
    if (this.level() < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  /** What is left of the budget now: high for a console that asks for little, low for one that floods. */
  level(): number {
    const now = this.now();
    this.#tokens = Math.min(this.limits.burst, this.#tokens + ((now - this.#at) / 1000) * this.limits.perSecond);
    this.#at = now;
    return this.#tokens;
  }
}

/**
 * One socket's requests: at most `maxInFlight` running at a time, started in the order they came,
 * when the scheduler gives this socket its turn.
 */
export class RequestLane {
  #running = 0;
  readonly #waiting: Array<() => Promise<void>> = [];

  constructor(
    private readonly scheduler: FairScheduler,
    private readonly maxInFlight: number,
    /** Higher goes first (the socket's remaining request budget). */
    readonly priority: () => number,
  ) {}

  submit(task: () => Promise<void>): void {
    this.#waiting.push(task);
    this.scheduler.ready(this);
  }

  /** Drops what has not started (the socket is gone). */
  clear(): void {
    this.#waiting.length = 0;
  }

  canStart(): boolean {
    return this.#running < this.maxInFlight && this.#waiting.length > 0;
  }

  startNext(): void {
    const task = this.#waiting.shift();
    if (!task) return;
    this.#running += 1;
    void Promise.resolve()
      .then(task)
      .finally(() => {
        this.#running -= 1;
        this.scheduler.ready(this);
      });
  }
}

/**
 * Starts one request per turn of the event loop, from the socket that has used least of its budget
 * lately (ties take turns). Most handlers answer synchronously from SQLite, so this is what keeps a
 * console that asks for little answered promptly while other sockets flood: its request is read at
 * the next turn and goes first.
 */
export class FairScheduler {
  readonly #ready = new Set<RequestLane>();
  #scheduled = false;

  ready(lane: RequestLane): void {
    if (!lane.canStart()) return;
    this.#ready.add(lane);
    this.#schedule();
  }

  #schedule(): void {
    if (this.#scheduled || this.#ready.size === 0) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#startOne();
    });
  }

  #startOne(): void {
    let chosen: RequestLane | null = null;
    let best = -Infinity;
    for (const lane of this.#ready) {
      if (!lane.canStart()) {
        this.#ready.delete(lane);
        continue;
      }
      const priority = lane.priority();
      if (priority > best) {
        best = priority;
        chosen = lane;
      }
    }
    if (chosen) {
      // To the back of the set: among equals, the others go next.
      this.#ready.delete(chosen);
      chosen.startNext();
      if (chosen.canStart()) this.#ready.add(chosen);
    }
    this.#schedule();
  }
}
