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
 * Runs one socket's requests at most `maxInFlight` at a time, in the order they came, and starts at
 * most one per turn of the event loop. Most handlers answer synchronously from SQLite, so without that
 * a socket's burst would run back to back while every other console waited; with it, a request from
 * another console waits for at most one request per open socket.
 */
export class RequestLane {
  #running = 0;
  #scheduled = false;
  readonly #waiting: Array<() => Promise<void>> = [];

  constructor(private readonly maxInFlight: number) {}

  submit(task: () => Promise<void>): void {
    this.#waiting.push(task);
    this.#schedule();
  }

  /** Drops what has not started (the socket is gone). */
  clear(): void {
    this.#waiting.length = 0;
  }

  #schedule(): void {
    if (this.#scheduled || this.#running >= this.maxInFlight || this.#waiting.length === 0) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#start();
    });
  }

  #start(): void {
    const task = this.#waiting.shift();
    if (!task) return;
    this.#running += 1;
    void Promise.resolve()
      .then(task)
      .finally(() => {
        this.#running -= 1;
        this.#schedule();
      });
    this.#schedule();
  }
}
