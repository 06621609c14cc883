import type { BudgetStore, BudgetUsage } from '../../../../electron/core/domain';

/** The BudgetStore contract in memory; `writes` records every put so tests can see it persisted each request. */
export class MemoryBudgetStore implements BudgetStore {
  readonly writes: BudgetUsage[] = [];
  private readonly rows = new Map<string, BudgetUsage>();

  get(credentialKey: string, budget: string): BudgetUsage | null {
    return this.rows.get(`${credentialKey}|${budget}`) ?? null;
  }

  put(usage: BudgetUsage): void {
    this.writes.push({ ...usage });
    this.rows.set(`${usage.credentialKey}|${usage.budget}`, { ...usage });
  }
}
