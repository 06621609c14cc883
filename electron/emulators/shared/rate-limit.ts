/** One fixed window: it opens at the first request after the previous one closed. */
class FixedWindow {
  private readonly windows = new Map<string, { endsAt: number; used: number }>();

  constructor(
    readonly limit: number,
    readonly lengthMs: number,
  ) {}

  current(key: string, nowMs: number): { endsAt: number; used: number } {
    let window = this.windows.get(key);
    if (!window || window.endsAt <= nowMs) {
      window = { endsAt: nowMs + this.lengthMs, used: 0 };
      this.windows.set(key, window);
    }
    return window;
  }
}

export type RateDecision = { allowed: true } | { allowed: false; resetAtMs: number };

/**
 * Per-key request budgets over one or more fixed windows (Cliniko: a minute; IntakeQ: a minute and
 * a day). Only accepted requests count. Windows run on the emulator's clock (real time unless one is
 * injected, then the same clock the practice and its resets are dated by), their lengths divided by
 * the time scale, so a client sleeping until the advertised reset really gets its budget back.
 */
export class RateLimiter {
  private readonly windows: FixedWindow[];

  constructor(
    budgets: readonly { limit: number; realLengthMs: number }[],
    timeScale: number,
    private readonly clock: () => number = Date.now,
  ) {
    this.windows = budgets.map((b) => new FixedWindow(b.limit, Math.max(1, Math.round(b.realLengthMs / timeScale))));
  }

  take(key: string): RateDecision {
    const now = this.clock();
    const current = this.windows.map((w) => ({ window: w, state: w.current(key, now) }));
    const exhausted = current.filter(({ window, state }) => state.used >= window.limit);
    if (exhausted.length > 0) return { allowed: false, resetAtMs: Math.max(...exhausted.map(({ state }) => state.endsAt)) };
    for (const { state } of current) state.used++;
    return { allowed: true };
  }

  /** When the shortest window ends, for refusals that do not come from the budget (rate-limit storms). */
  nextReset(key: string): number {
    const now = this.clock();
    return Math.min(...this.windows.map((w) => w.current(key, now).endsAt));
  }
}
