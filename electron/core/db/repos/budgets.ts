import type { BudgetStore, BudgetUsage } from '../../domain';
import type { Db } from '../sqlite';

interface BudgetRow {
  credential_key: string;
  budget: string;
  window_start: string;
  used: number;
}

/** API budget use per credential, kept across restarts (IntakeQ allows 500 requests a day). */
export function createBudgetStore(db: Db): BudgetStore {
  const select = db.prepare('SELECT * FROM api_budget_usage WHERE credential_key = ? AND budget = ?');
  const upsert = db.prepare(`INSERT INTO api_budget_usage (credential_key, budget, window_start, used)
    VALUES (@credentialKey, @budget, @windowStart, @used)
    ON CONFLICT (credential_key, budget) DO UPDATE SET window_start = excluded.window_start, used = excluded.used`);
  return {
    get(credentialKey: string, budget: string): BudgetUsage | null {
      const row = select.get(credentialKey, budget) as BudgetRow | undefined;
      if (!row) return null;
      return { credentialKey: row.credential_key, budget: row.budget, windowStart: row.window_start, used: row.used };
    },
    put(usage: BudgetUsage): void {
      upsert.run(usage);
    },
  };
}
