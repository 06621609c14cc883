/**
 * How much of a credential's request budget is spent in the current window. The connectors' rate
 * limiter reads and writes it through a BudgetStore so a restart does not forget IntakeQ's daily count;
 * the cache implements the store.
 */
export interface BudgetUsage {
  /** A stable, non-secret key for the credential (e.g. "intakeq:" + sha256(apiKey).slice(0, 16)). */
  credentialKey: string;
  /** Name of the budget, e.g. "day". */
  budget: string;
  /** ISO-8601 UTC start of the window the count belongs to. */
  windowStart: string;
  used: number;
}

export interface BudgetStore {
  get(credentialKey: string, budget: string): BudgetUsage | null;
  put(usage: BudgetUsage): void;
}
