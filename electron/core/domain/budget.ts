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

/**
 * Requests sent with a credential, shared through the cache by every process on this computer, so
 * the per-minute window does not start empty when a second process (or a restart) starts.
 */
export interface RecentRequestLog {
  /** Records a request sent at `atMs` by `sender`; returns its id, to date it when it finishes. */
  sent(credentialKey: string, sender: string, atMs: number): number;
  /** The response came in: the request is dated by its finish, as the server has counted it by then. */
  finished(id: number, atMs: number): void;
  /** When other senders' requests with this credential were sent (or finished) since `sinceMs`. */
  othersSince(credentialKey: string, sender: string, sinceMs: number): number[];
}
