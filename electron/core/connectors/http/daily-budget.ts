import type { BudgetStore, BudgetUsage } from '../../domain';
import { connectorErrors, type ServiceName } from '../errors';
import type { Timing } from './timing';

export const DAY_MS = 86_400_000;
const BUDGET_NAME = 'day';

export interface BudgetStatus {
  used: number;
  limit: number;
  /** ISO-8601 UTC: when the count starts again from zero. */
  resetsAt: string;
}

/**
 * A per-day request allowance (IntakeQ: 500), counted through the cache's BudgetStore on every
 * request so a restart does not forget what was spent. Days start at UTC midnight: the spec does not
 * say which midnight IntakeQ uses, and UTC is the one both ends can compute. Under a time scale the
 * day shrinks to `DAY_MS / timeScale`, still aligned to the epoch.
 */
export class DailyBudget {
  constructor(
    private readonly service: ServiceName,
    private readonly store: BudgetStore,
    readonly credentialKey: string,
    readonly limit: number,
    private readonly dayMs: number,
    private readonly timing: Timing,
  ) {}

  status(): BudgetStatus {
    const { used, windowStart } = this.current();
    return { used, limit: this.limit, resetsAt: new Date(windowStart + this.dayMs).toISOString() };
  }

  /** Throws `budget_exhausted` before a request is sent that the budget no longer covers. */
  assertAvailable(): void {
    const { used, windowStart } = this.current();
    if (used >= this.limit) {
      throw connectorErrors.budgetExhausted(this.service, this.limit, new Date(windowStart + this.dayMs), new Date(this.timing.now()));
    }
  }

  /** Counts one request that is about to be sent, refusing it when nothing is left. */
  consume(): void {
    this.assertAvailable();
    const { used, windowStart } = this.current();
    this.save(windowStart, used + 1);
  }

  /** The server refused us for the day although our count had room: believe the server. */
  markSpent(): void {
    const { used, windowStart } = this.current();
    this.save(windowStart, Math.max(this.limit, used));
  }

  private current(): { used: number; windowStart: number } {
    const windowStart = Math.floor(this.timing.now() / this.dayMs) * this.dayMs;
    const stored = this.store.get(this.credentialKey, BUDGET_NAME);
    const sameWindow = stored !== null && Date.parse(stored.windowStart) === windowStart;
    return { used: sameWindow ? stored.used : 0, windowStart };
  }

  private save(windowStart: number, used: number): void {
    const usage: BudgetUsage = {
      credentialKey: this.credentialKey,
      budget: BUDGET_NAME,
      windowStart: new Date(windowStart).toISOString(),
      used,
    };
    this.store.put(usage);
  }
}
