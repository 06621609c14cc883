import type { BudgetStore, RecentRequestLog } from '../../domain';
import type { ServiceName } from '../errors';
import { HttpClient, type WaitListener } from './http-client';
import { credentialKeyFor, sharedGates, type GateRegistry, type RateLimits } from './request-gate';
import type { RetryPolicy } from './retry-policy';
import { realTiming, type Sleep } from './timing';

const MINUTE_MS = 60_000;
const DEFAULT_TIMEOUT_MS = 45_000;

/** What the HTTP layer takes from the outside; ConnectorDeps extends it. */
export interface HttpSetup {
  budgetStore: BudgetStore;
  /** The cache's log of recent requests, so processes sharing a credential share its minute window. */
  recentRequests?: RecentRequestLog;
  fetch?: typeof fetch;
  now?: () => Date;
  sleep?: Sleep;
  onWait?: WaitListener;
  timeScale?: number;
  rateLimits?: Partial<RateLimits>;
  requestTimeoutMs?: number;
  gates?: GateRegistry;
}

/** The published behaviour of one remote API. */
export interface ServiceProfile {
  service: ServiceName;
  /** Prefix of the credential key, e.g. "cliniko". */
  kind: string;
  limits: RateLimits;
  /** How long to back off after a 429 that does not say (real ms, before scaling). */
  rateLimitDefaultWaitMs: { min: number; max: number };
}

export function effectiveLimits(profile: ServiceProfile, setup: HttpSetup): RateLimits {
  return { ...profile.limits, ...setup.rateLimits };
}

/** Retry settings from the specs' advice, with every wait shrunk by the time scale. */
export function retryPolicyFor(profile: ServiceProfile, setup: HttpSetup): RetryPolicy {
  const scale = setup.timeScale ?? 1;
  return {
    maxAttempts: 6,
    backoffBaseMs: 1000 / scale,
    backoffCapMs: 30_000 / scale,
    rateLimitDefaultWaitMs: { min: profile.rateLimitDefaultWaitMs.min / scale, max: profile.rateLimitDefaultWaitMs.max / scale },
    maxRateLimitWaitMs: (5 * MINUTE_MS) / scale,
    maxRateLimitedAttempts: 8,
    timeoutMs: setup.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
}

/** The HTTP client for one credential against one host, sharing its gate with every other user of the credential. */
export function createHttpClient(
  profile: ServiceProfile,
  apiKey: string,
  baseUrl: URL,
  headers: Record<string, string>,
  setup: HttpSetup,
): HttpClient {
  const timeScale = setup.timeScale ?? 1;
  const timing = realTiming({ now: setup.now, sleep: setup.sleep });
  const gate = (setup.gates ?? sharedGates).gateFor({
    service: profile.service,
    credentialKey: credentialKeyFor(profile.kind, apiKey),
    origin: baseUrl.origin,
    limits: effectiveLimits(profile, setup),
    timeScale,
    budgetStore: setup.budgetStore,
    recentRequests: setup.recentRequests ?? null,
    timing,
  });
  return new HttpClient({
    service: profile.service,
    headers,
    fetch: setup.fetch ?? globalThis.fetch,
    gate,
    timing,
    policy: retryPolicyFor(profile, setup),
    minuteWindowMs: MINUTE_MS / timeScale,
    onWait: setup.onWait,
  });
}
