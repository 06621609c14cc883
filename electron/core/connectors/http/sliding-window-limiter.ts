import { raceAbort, throwIfCancelled, type Timing } from './timing';

/** Headroom added to each window for clock rounding between us and the server. */
export function defaultMarginMs(windowMs: number): number {
  return Math.max(10, windowMs / 100);
}

/** A claimed place in the window; `done()` once the response (or failure) is in. */
export interface Slot {
  waitedMs: number;
  done(): void;
}

interface Use {
  at: number;
  finished: boolean;
}

/** The same credential's requests from other processes (the cache's RecentRequestLog, bound to one key). */
export interface SharedWindow {
  /** When other senders' requests were sent or finished, since `sinceMs`. */
  othersSince(sinceMs: number): number[];
  /** Tells the others about a request of ours; `finished` dates it by its response. */
  sent(atMs: number): { finished(atMs: number): void };
}

/**
 * Paces requests so that no span of `windowMs + marginMs` holds more than `limit` of them, whatever
 * window the server counts in (fixed or sliding). Each request is dated by when it finished — by
 * then the server has surely counted it, however late it arrived — and one still in flight counts as
 * happening now. Callers are served first come, first served, so a long pull runs at the limit
 * without a 429. `pauseUntil` holds every caller back after the server has said when to return.
 * With a SharedWindow, requests other processes sent with the credential count too, so a sync
 * started just after another one (the CLI after the desktop app) does not begin with an empty window.
 */
export class SlidingWindowLimiter {
  private uses: Use[] = [];
  private pausedUntil = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly timing: Timing,
    readonly marginMs = defaultMarginMs(windowMs),
    private readonly shared: SharedWindow | null = null,
  ) {
    if (!(limit >= 1)) throw new RangeError('A rate limit needs at least one request per window');
  }

  /** Waits for a place in the window and claims it. */
  acquire(signal?: AbortSignal, onWait?: (untilMs: number) => void): Promise<Slot> {
    const turn = this.queue.then(() => this.claim(signal, onWait));
    this.queue = turn.then(
      () => undefined,
      () => undefined,
    );
    return raceAbort(turn, signal);
  }

  pauseUntil(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, ms);
  }

  private async claim(signal: AbortSignal | undefined, onWait: ((untilMs: number) => void) | undefined): Promise<Slot> {
    throwIfCancelled(signal);
    const startedAt = this.timing.now();
    for (;;) {
      const now = this.timing.now();
      const readyAt = this.readyAt(now);
      if (readyAt <= now) return this.use(now, now - startedAt);
      onWait?.(readyAt);
      await this.timing.sleep(readyAt - now, signal);
    }
  }

  private use(now: number, waitedMs: number): Slot {
    const use: Use = { at: now, finished: false };
    this.uses.push(use);
    const told = this.shared?.sent(now);
    return {
      waitedMs,
      done: () => {
        if (use.finished) return;
        use.finished = true;
        use.at = Math.max(use.at, this.timing.now());
        told?.finished(use.at);
      },
    };
  }

  private readyAt(now: number): number {
    const span = this.windowMs + this.marginMs;
    this.uses = this.uses.filter((use) => !use.finished || use.at > now - span);
    // Another process's request dated beyond this window's reach can only come from a clock that went
    // back (a corrected system clock): it cannot be waited out, so it is ignored; a nearer one counts as now.
    const others = (this.shared?.othersSince(now - span) ?? []).filter((at) => at <= now + span).map((at) => Math.min(at, now));
    if (this.uses.length + others.length < this.limit) return Math.max(now, this.pausedUntil);
    const times = [...this.uses.map((use) => (use.finished ? use.at : now)), ...others].sort((a, b) => a - b);
    const blocking = times[times.length - this.limit] ?? now;
    return Math.max(blocking + span, this.pausedUntil);
  }
}
