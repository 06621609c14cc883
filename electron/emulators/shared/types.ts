/**
 * Faults an emulator can inject, so clients can prove they survive a misbehaving upstream. Each is
 * decided by the seed and what it hits (a record's id; a request's path, page and retry count), never
 * by request order, so the same seed misbehaves the same way on every run.
 */
export interface FaultOptions {
  /** Fraction of requests answered 500, 502, 503 or 504. */
  serverErrorRate?: number;
  /** Fraction of requests delayed by an extra `slowMs`. */
  slowRate?: number;
  slowMs?: number;
  /** Fraction of list pages whose body is truncated JSON or holds a record of the wrong shape. */
  malformedPageRate?: number;
  /** Fraction of records served with one broken field, e.g. starts_at: "not a date"; the same records while it stays on. */
  malformedRecordRate?: number;
  /** On each list request, this many random records of that resource change first (page drift). */
  mutateBetweenPages?: number;
  /** Every Nth API request is refused with 429 and the emulator's usual rate-limit headers. */
  rateLimitStorm?: { everyN: number };
  /**
   * Requests for these pages are answered 503 every time while this is set: an outage of one page
   * (path under the API base, e.g. `/patients`; page 1 when `page` is left out), so a test can fail
   * exactly that page of a listing whatever order the pages are asked in.
   */
  unavailablePages?: Array<{ path: string; page?: number }>;
}

export interface EmulatorOptions {
  /** Default 0: a free port. The emulator always binds 127.0.0.1. */
  port?: number;
  /** 10..50,000; default 650. */
  patients?: number;
  /** Default 1. The same seed and the same `now` (to the second) give the same dataset. */
  seed?: number;
  /**
   * The emulator's clock; the practice is built around its reading at start (to the whole second) and
   * appointments span about 180 days either side. Default: real time. Tests pass a clock anchored at a
   * fixed date, so the practice does not change with the day they run on.
   */
  now?: () => Date;
  /** Per-request delay; default 40–150 ms. Tests pass { min: 0, max: 0 }. */
  latencyMs?: { min: number; max: number };
  /** Rate-limit windows last (real length / timeScale); default 1. */
  timeScale?: number;
  /** Overrides the real limits (Cliniko 200/min; IntakeQ 10/min and 500/day). */
  rateLimit?: { perMinute?: number; perDay?: number };
  /** Default: a generated key in the API's own format (Cliniko's ends in -au1). */
  apiKey?: string;
  faults?: FaultOptions;
  /** The practice's IANA time zone; default Australia/Melbourne (Cliniko), America/New_York (IntakeQ). */
  timeZone?: string;
  /** Also send Retry-After on 429. Neither spec confirms it, so default off. */
  retryAfterHeader?: boolean;
  /** Cliniko: refuse requests without Accept: application/json and a User-Agent with a contact email (403). Default on. */
  requireClientHeaders?: boolean;
}

export interface EmulatorStats {
  /** API requests received (control requests excluded), whatever their outcome. */
  requests: number;
  /** Requests answered 429, by the limiter or a rate-limit storm. */
  rateLimited: number;
  /** Requests per path, with record ids replaced by {id}. */
  byPath: Record<string, number>;
}

export interface RunningEmulator<C> {
  /** API base including the version path, e.g. http://127.0.0.1:PORT/v1. */
  url: string;
  /** http://127.0.0.1:PORT, where the control API lives under /__emulator/. */
  origin: string;
  apiKey: string;
  control: C;
  stats(): EmulatorStats;
  setFaults(faults: FaultOptions): void;
  close(): Promise<void>;
}
