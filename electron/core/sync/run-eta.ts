/** What the whole-run estimate reads: where the run is now, and how fast its credential may go. */
export interface RunEtaInput {
  /** Since the run started. */
  elapsedMs: number;
  /** 0–100 over the whole run (each step an equal share; a step counts by its records done). */
  percent: number;
  /** Requests sent so far. */
  requests: number;
  /** The credential's limiter rate; null when it has none. */
  requestsPerMinute: number | null;
  /** What is left of a rate-limit wait the run is in now (0 when not waiting). */
  waitLeftMs: number;
  /** The current step's own estimate from its pace, when it knows its total. */
  stepLeftMs: number | null;
}

/** Below this, one quick step (connect) would make the whole run look seconds long. */
const MIN_ELAPSED_MS = 250;

/**
 * Seconds until the whole run ends, rate-limit waits included, or null while it cannot be told.
 * The rest of the run is assumed to go as the part done so far, in time and in requests; it can
 * not go faster than the limiter lets the remaining requests through, nor end before the current
 * step or a wait in progress does.
 */
export function runSecondsLeft(input: RunEtaInput): number | null {
  const { elapsedMs, percent, requests, requestsPerMinute, waitLeftMs, stepLeftMs } = input;
  if (percent >= 100) return 0;
  const fraction = percent / 100;
  if (fraction <= 0 || elapsedMs < MIN_ELAPSED_MS) return waitLeftMs > 0 ? Math.ceil(waitLeftMs / 1000) : null;
  const share = (1 - fraction) / fraction;
  const byPace = elapsedMs * share;
  const byLimiter = requestsPerMinute && requestsPerMinute > 0 ? ((requests * share) / requestsPerMinute) * 60_000 : 0;
  const left = Math.max(byPace, byLimiter, stepLeftMs ?? 0) + Math.max(0, waitLeftMs);
  return Math.round(left / 1000);
}

/** How long a new estimate takes to replace the countdown of the last one. */
const SETTLE_MS = 5000;

/**
 * Keeps the ETA staff read calm. Between updates the last estimate counts down; each new estimate
 * pulls it only by the share of SETTLE_MS that passed since, so a step boundary (each step weighs the
 * same) or one slow page does not make it jump. A rate-limit wait is a known fact, not an estimate:
 * it is added as it is, and the rest of the run does not count down while the run waits.
 */
export class EtaSmoother {
  #restMs: number | null = null;
  #at = 0;

  next(rawSeconds: number | null, waitLeftMs: number, now: number): number | null {
    if (rawSeconds === null || rawSeconds === 0) {
      this.#restMs = null;
      return rawSeconds;
    }
    const raw = Math.max(0, rawSeconds * 1000 - waitLeftMs);
    if (this.#restMs === null) {
      this.#restMs = raw;
    } else {
      const passed = Math.max(0, now - this.#at);
      const counted = waitLeftMs > 0 ? this.#restMs : Math.max(0, this.#restMs - passed);
      this.#restMs = counted + (raw - counted) * Math.min(1, passed / SETTLE_MS);
    }
    this.#at = now;
    return Math.round((this.#restMs + waitLeftMs) / 1000);
  }
}
