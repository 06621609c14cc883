import { raceAbort, throwIfCancelled, type Timing } from './timing';

/** Headroom added to each window, so latency jitter cannot land one request too many in the server's window. */
export function defaultMarginMs(windowMs: number): number {
  return Math.max(20, windowMs / 50);
}

/**
 * Paces requests so that no span of `windowMs + marginMs` holds more than `limit` of them, whatever
 * window the server counts in (fixed or sliding). Callers are served first come, first served, so a
 * long pull runs at the limit without a 429. `pauseUntil` holds every caller back after the server
 * has said when its window resets.
 */
export class SlidingWindowLimiter {
  private readonly sentAt: number[] = [];
  private pausedUntil = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly timing: Timing,
    readonly marginMs = defaultMarginMs(windowMs),
  ) {
    if (!(limit >= 1)) throw new RangeError('A rate limit needs at least one request per window');
  }

  /** Waits for a slot and claims it; resolves with the milliseconds spent waiting. */
  acquire(signal?: AbortSignal, onWait?: (untilMs: number) => void): Promise<number> {
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

  private async claim(signal: AbortSignal | undefined, onWait: ((untilMs: number) => void) | undefined): Promise<number> {
    throwIfCancelled(signal);
    const startedAt = this.timing.now();
    for (;;) {
      const now = this.timing.now();
      const readyAt = this.readyAt(now);
      if (readyAt <= now) {
        this.sentAt.push(now);
        return now - startedAt;
      }
      onWait?.(readyAt);
      await this.timing.sleep(readyAt - now, signal);
    }
  }

  private readyAt(now: number): number {
    const span = this.windowMs + this.marginMs;
    while (this.sentAt.length > 0 && (this.sentAt[0] ?? 0) <= now - span) this.sentAt.shift();
    const blocking = this.sentAt.length < this.limit ? undefined : this.sentAt[this.sentAt.length - this.limit];
    return Math.max(blocking === undefined ? now : blocking + span, this.pausedUntil);
  }
}
