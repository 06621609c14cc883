import type { PoolClient } from 'pg';
import type { BudgetUsage } from '../domain';
import type { ClinicKey } from './clinic-key';

/**
 * API budgets (IntakeQ's 500 requests a day) counted across desks. The desk that takes a lease first
 * brings the clinic's counts into its cache, where its rate limiter reads them; when it finishes, it
 * adds what it spent. Of two counts for one window the larger holds; a newer window replaces an older.
 */
export async function budgetsFromHub(client: PoolClient, key: ClinicKey): Promise<BudgetUsage[]> {
  const rows = await client.query<{
    credential_address: Buffer;
    credential_sealed: Buffer;
    budget: string;
    window_start: Date;
    used: number;
  }>('SELECT credential_address, credential_sealed, budget, window_start, used FROM hub_budgets');
  return rows.rows.map((row) => ({
    credentialKey: key.open(row.credential_sealed, row.credential_address),
    budget: row.budget,
    windowStart: row.window_start.toISOString(),
    used: row.used,
  }));
}

export async function budgetsToHub(client: PoolClient, key: ClinicKey, usages: BudgetUsage[]): Promise<void> {
  for (const usage of usages) {
    const address = key.address({ kind: 'budget', source: '', ref: usage.credentialKey });
    await client.query(
      `INSERT INTO hub_budgets (credential_address, credential_sealed, budget, window_start, used) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (credential_address, budget) DO UPDATE SET
         used = CASE WHEN excluded.window_start = hub_budgets.window_start THEN greatest(hub_budgets.used, excluded.used)
                     WHEN excluded.window_start > hub_budgets.window_start THEN excluded.used ELSE hub_budgets.used END,
         window_start = greatest(hub_budgets.window_start, excluded.window_start)`,
      [address, key.seal(usage.credentialKey, address), usage.budget, usage.windowStart, usage.used],
    );
  }
}

/** The count to keep locally: the newer window, or of one window the larger count. */
export function mergedUsage(local: BudgetUsage | null, shared: BudgetUsage): BudgetUsage {
  if (!local || shared.windowStart > local.windowStart) return shared;
  if (shared.windowStart === local.windowStart && shared.used > local.used) return shared;
  return local;
}
