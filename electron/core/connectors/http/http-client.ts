import { connectorErrors, type ConnectorError, type ServiceName } from '../errors';
import type { BudgetStatus } from './daily-budget';
import { parseJsonExact } from './json';
import type { RequestGate } from './request-gate';
import { advertisedResumeAt, backoffDelayMs, type RetryPolicy } from './retry-policy';
import { throwIfCancelled, type Timing } from './timing';

export type WaitReason = 'rate_limit' | 'retry';
export type WaitListener = (info: { until: Date; reason: WaitReason }) => void;

/** Thrown by a response reader when a 2xx body is not the shape the endpoint promises. */
export class MalformedResponseError extends Error {}

export interface HttpClientConfig {
  service: ServiceName;
  headers: Record<string, string>;
  fetch: typeof fetch;
  gate: RequestGate;
  timing: Timing;
  policy: RetryPolicy;
  /** The per-minute window (scaled): 429s outlasting it, or resetting beyond two of it, mean the daily cap. */
  minuteWindowMs: number;
  onWait?: WaitListener;
}

export interface RequestCounters {
  /** Requests actually sent, retries included. */
  requests: number;
  retries: number;
  /** Time spent held back by the rate limiter or a 429. */
  rateLimitWaitMs: number;
}

export interface JsonResult<T> {
  value: T;
  latencyMs: number;
}

/** One try's outcome; `failed` is retryable and carries the error to report when tries run out. */
type Attempt =
  | { type: 'ok'; text: string; latencyMs: number }
  | { type: 'rate_limited'; resumeAt: number | null }
  | { type: 'failed'; error: ConnectorError; resumeAt: number | null };

interface RateLimitRun {
  firstAt: number | null;
  count: number;
}

/**
 * The single road every connector request takes: the credential's gate (daily budget, per-minute
 * pacing), a per-try timeout, retries with backoff for network errors, 5xx and unreadable bodies,
 * waiting out 429s, and the mapping of every failure onto the connector error taxonomy.
 */
export class HttpClient {
  readonly counters: RequestCounters = { requests: 0, retries: 0, rateLimitWaitMs: 0 };

  constructor(private readonly config: HttpClientConfig) {}

  get service(): ServiceName {
    return this.config.service;
  }

  /** The credential's daily budget, when it has one. */
  budgetStatus(): BudgetStatus | null {
    return this.config.gate.budget?.status() ?? null;
  }

  /**
   * GETs `url` and passes the parsed JSON to `read`, which returns the value or throws
   * MalformedResponseError (then the request is retried like a 5xx). `what` names the resource in
   * error messages, e.g. "patients".
   */
  async getJson<T>(url: URL, read: (body: unknown) => T, what: string, signal?: AbortSignal): Promise<JsonResult<T>> {
    const rateLimitRun: RateLimitRun = { firstAt: null, count: 0 };
    let failures = 0;
    for (;;) {
      throwIfCancelled(signal);
      let attempt = await this.send(url, what, signal);
      if (attempt.type === 'ok') {
        const parsed = readBody(attempt.text, read);
        if (parsed.ok) return { value: parsed.value, latencyMs: attempt.latencyMs };
        attempt = {
          type: 'failed',
          error: connectorErrors.invalidData(this.service, what, { retried: true, cause: parsed.cause }),
          resumeAt: null,
        };
      }
      if (attempt.type === 'rate_limited') {
        this.holdForRateLimit(attempt.resumeAt, rateLimitRun);
      } else {
        failures += 1;
        if (failures >= this.config.policy.maxAttempts) throw attempt.error;
        await this.backOff(failures, attempt.resumeAt, signal);
      }
      this.counters.retries += 1;
    }
  }

  private async send(url: URL, what: string, signal: AbortSignal | undefined): Promise<Attempt> {
    const { gate, policy, onWait } = this.config;
    const slot = await gate.admit(signal, (until) => onWait?.({ until: new Date(until), reason: 'rate_limit' }));
    this.counters.rateLimitWaitMs += slot.waitedMs;
    this.counters.requests += 1;
    const timeout = AbortSignal.timeout(policy.timeoutMs);
    const started = performance.now();
    let response: Response;
    let text: string;
    try {
      response = await this.config.fetch(url, {
        headers: this.config.headers,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        redirect: 'manual',
      });
      text = await response.text();
    } catch (err) {
      throwIfCancelled(signal);
      const detail = timeout.aborted ? `no answer within ${Math.round(policy.timeoutMs / 1000)} seconds` : describeNetworkError(err);
      return { type: 'failed', error: connectorErrors.connectionFailed(this.service, detail, err), resumeAt: null };
    } finally {
      slot.done();
    }
    return this.classify(response, text, performance.now() - started, what);
  }

  private classify(response: Response, text: string, latencyMs: number, what: string): Attempt {
    const { status } = response;
    const now = this.config.timing.now();
    if (status >= 200 && status < 300) return { type: 'ok', text, latencyMs };
    if (status === 429) return { type: 'rate_limited', resumeAt: advertisedResumeAt(response.headers, now) };
    if (status >= 500) {
      const error = connectorErrors.serverError(this.service, status, this.config.policy.maxAttempts);
      return { type: 'failed', error, resumeAt: advertisedResumeAt(response.headers, now) };
    }
    if (status === 401) throw connectorErrors.credentialsInvalid(this.service, status);
    if (status === 403) throw connectorErrors.permissionDenied(this.service, what, status);
    if (status === 404) throw connectorErrors.notFound(this.service, what, status);
    throw connectorErrors.refused(this.service, status);
  }

  /**
   * Holds the whole credential back until the server's reset (plus jitter), or ends the request when
   * the wait is too long. With a daily budget, a long reset or 429s outlasting a minute mean the day's
   * allowance is gone although our count had room: the budget is marked spent so a restart knows.
   */
  private holdForRateLimit(advertised: number | null, run: RateLimitRun): void {
    const { gate, policy, timing, minuteWindowMs } = this.config;
    const now = timing.now();
    run.firstAt ??= now;
    run.count += 1;
    const { min, max } = policy.rateLimitDefaultWaitMs;
    // Resets are whole seconds: never come back sooner than a growing minimum, or we would hammer.
    const minimum = now + policy.backoffBaseMs * 2 ** (run.count - 1);
    const until = Math.max(advertised ?? now + min + timing.random() * (max - min), minimum);
    const budget = gate.budget;
    if (budget && (until - now > 2 * minuteWindowMs || now - run.firstAt > minuteWindowMs)) {
      budget.markSpent();
      const resumeAt = advertised ?? Date.parse(budget.status().resetsAt);
      throw connectorErrors.budgetExhausted(this.service, budget.limit, new Date(resumeAt), new Date(now));
    }
    if (until - now > policy.maxRateLimitWaitMs || run.count > policy.maxRateLimitedAttempts) {
      throw connectorErrors.rateLimited(this.service, new Date(until), new Date(now));
    }
    gate.pauseUntil(until + timing.random() * policy.backoffBaseMs);
  }

  private async backOff(failures: number, advertised: number | null, signal: AbortSignal | undefined): Promise<void> {
    const { policy, timing, onWait } = this.config;
    const now = timing.now();
    const delay = Math.min(Math.max(backoffDelayMs(failures, policy, timing.random), (advertised ?? now) - now), policy.maxRateLimitWaitMs);
    onWait?.({ until: new Date(now + delay), reason: 'retry' });
    await timing.sleep(delay, signal);
  }
}

function readBody<T>(text: string, read: (body: unknown) => T): { ok: true; value: T } | { ok: false; cause: unknown } {
  try {
    return { ok: true, value: read(parseJsonExact(text)) };
  } catch (err) {
    if (err instanceof SyntaxError || err instanceof MalformedResponseError) return { ok: false, cause: err };
    throw err;
  }
}

const NETWORK_ERROR_WORDS: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was cut off',
  ENOTFOUND: 'the server name could not be found',
  EAI_AGAIN: 'the server name could not be looked up',
  ETIMEDOUT: 'the connection timed out',
  UND_ERR_SOCKET: 'the connection was cut off',
};

function describeNetworkError(err: unknown): string {
  const cause = err instanceof Error ? (err.cause as { code?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' ? cause.code : '';
  return NETWORK_ERROR_WORDS[code] ?? 'the network request failed';
}
