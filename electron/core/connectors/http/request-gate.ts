import { createHash, randomUUID } from 'node:crypto';
import type { BudgetStore, RecentRequestLog } from '../../domain';
import type { ServiceName } from '../errors';
import { DailyBudget, DAY_MS } from './daily-budget';
import { InFlightCap } from './in-flight';
import { defaultMarginMs, SlidingWindowLimiter, type SharedWindow, type Slot } from './sliding-window-limiter';
import type { Timing } from './timing';

const MINUTE_MS = 60_000;

export interface RateLimits {
  perMinute: number;
  /** null: no daily cap. */
  perDay: number | null;
  /** Requests of the credential in flight at once (from this process). */
  inFlight: number;
}

/** A stable, non-secret name for a credential: the service and a short hash of the key. */
export function credentialKeyFor(kind: string, apiKey: string): string {
  return `${kind}:${createHash('sha256').update(apiKey).digest('hex').slice(0, 16)}`;
}

/**
 * Everything a request must pass before it is sent: the daily budget (checked before any waiting,
 * so a spent budget fails at once), a place among the credential's requests in flight, then a
 * per-minute slot, then the budget is charged.
 */
export class RequestGate {
  constructor(
    readonly limiter: SlidingWindowLimiter,
    readonly budget: DailyBudget | null,
    readonly inFlight: InFlightCap = new InFlightCap(1),
  ) {}

  /** Resolves with the claimed slot: call `done()` when the response is in. */
  async admit(signal?: AbortSignal, onWait?: (untilMs: number) => void): Promise<Slot> {
    this.budget?.assertAvailable();
    const leave = await this.inFlight.enter(signal);
    let slot: Slot;
    try {
      slot = await this.limiter.acquire(signal, onWait);
    } catch (err) {
      leave();
      throw err;
    }
    try {
      this.budget?.consume();
    } catch (err) {
      slot.done();
      leave();
      throw err;
    }
    return {
      waitedMs: slot.waitedMs,
      done: () => {
        slot.done();
        leave();
      },
    };
  }

  pauseUntil(ms: number): void {
    this.limiter.pauseUntil(ms);
  }
}

export interface GateRequest {
  service: ServiceName;
  credentialKey: string;
  /** The API origin; the same key against another host (an emulator) gets its own budget. */
  origin: string;
  limits: RateLimits;
  /** Windows last (real length / timeScale), to match a time-compressed emulator. */
  timeScale: number;
  budgetStore: BudgetStore;
  /** Shares the per-minute window with other processes using the same cache; null: this process only. */
  recentRequests: RecentRequestLog | null;
  timing: Timing;
}

/**
 * One gate per credential and host, shared by every connector built for it, because the remote
 * limits are per credential: a sync and a connection test running together spend the same budget.
 * The first connector to ask fixes the gate's clock.
 */
export class GateRegistry {
  private readonly gates = new Map<string, RequestGate>();

  gateFor(request: GateRequest): RequestGate {
    const { limits, timeScale } = request;
    const stores = [identityOf(request.budgetStore), request.recentRequests ? identityOf(request.recentRequests) : '-'];
    const id = [request.credentialKey, request.origin, limits.perMinute, limits.perDay ?? '-', limits.inFlight, timeScale, ...stores].join(
      '|',
    );
    let gate = this.gates.get(id);
    if (!gate) {
      gate = createGate(request);
      this.gates.set(id, gate);
    }
    return gate;
  }
}

function createGate(request: GateRequest): RequestGate {
  const { service, credentialKey, limits, timeScale, budgetStore, timing } = request;
  if (!(timeScale > 0)) throw new RangeError('timeScale must be greater than 0');
  const windowMs = MINUTE_MS / timeScale;
  const shared = request.recentRequests ? sharedWindow(request.recentRequests, `${credentialKey}@${request.origin}`) : null;
  const limiter = new SlidingWindowLimiter(limits.perMinute, windowMs, timing, defaultMarginMs(windowMs), shared);
  const budget =
    limits.perDay === null ? null : new DailyBudget(service, budgetStore, credentialKey, limits.perDay, DAY_MS / timeScale, timing);
  return new RequestGate(limiter, budget, new InFlightCap(limits.inFlight));
}

// A gate keeps the stores it was built with, so a cache closed and another opened in the same
// process (tests, a reopened data folder) gets its own gate rather than a closed connection.
const storeIds = new WeakMap<object, number>();
let storesSeen = 0;
function identityOf(store: object): number {
  let id = storeIds.get(store);
  if (id === undefined) {
    storesSeen += 1;
    id = storesSeen;
    storeIds.set(store, id);
  }
  return id;
}

/** One limiter's view of the shared log: its own requests are counted in memory, the others' read back. */
function sharedWindow(log: RecentRequestLog, key: string): SharedWindow {
  const sender = randomUUID();
  return {
    othersSince: (sinceMs) => log.othersSince(key, sender, sinceMs),
    sent: (atMs) => {
      const id = log.sent(key, sender, atMs);
      return { finished: (at) => log.finished(id, at) };
    },
  };
}

/** The process-wide registry connectors use unless given their own. */
export const sharedGates = new GateRegistry();
