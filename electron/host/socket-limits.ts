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
    const now = this.now();
    this.#tokens = Math.min(this.limits.burst, this.#tokens + ((now - this.#at) / 1000) * this.limits.perSecond);
    this.#at = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}

/**
 * Runs one socket's requests at most `maxInFlight` at a time, in the order they came. One socket that
 * sends many slow requests then holds a few turns of the host, never all of them.
 */
export class RequestLane {
  #running = 0;
  readonly #waiting: Array<() => Promise<void>> = [];

  constructor(private readonly maxInFlight: number) {}

  submit(task: () => Promise<void>): void {
    this.#waiting.push(task);
    this.#next();
  }

  /** Drops what has not started (the socket is gone). */
  clear(): void {
    this.#waiting.length = 0;
  }

  #next(): void {
    while (this.#running < this.maxInFlight && this.#waiting.length > 0) {
      const task = this.#waiting.shift() as () => Promise<void>;
      this.#running += 1;
      void Promise.resolve()
        .then(task)
        .finally(() => {
          this.#running -= 1;
          this.#next();
        });
    }
  }
}
