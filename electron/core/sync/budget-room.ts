import type { RunContext } from './run-context';

/**
 * Of a daily budget (IntakeQ's 500 requests), optional extra requests — looking appointments up by
 * id, asking for changes beyond a window's edge — never spend the last of these: the rest of this
 * run and the next syncs of the day need them.
 */
export const BUDGET_RESERVE = 100;

/** Requests this run may still spend on optional work: unlimited without a daily budget (Cliniko). */
export function spareRequests(ctx: Pick<RunContext, 'connector'>): number {
  const budget = ctx.connector.stats().dailyBudget;
  return budget === null ? Infinity : Math.max(0, budget.limit - budget.used - BUDGET_RESERVE);
}
