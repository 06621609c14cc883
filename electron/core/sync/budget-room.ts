import type { RunContext } from './run-context';

/**
 * Of a daily budget (IntakeQ's 500 requests), optional extra requests — looking appointments up by
 * id, asking for changes beyond a window's edge — never spend the last of these: the rest of this
 * run and the next syncs of the day need them.
 */
export const BUDGET_RESERVE = 100;

/**
 * Requests this run may still spend on optional work: unlimited without a daily budget (Cliniko).
 * A near run (the budget planner's interval sync) also keeps to the share the planner gave it.
 */
export function spareRequests(ctx: Pick<RunContext, 'connector' | 'scope' | 'requests'>): number {
  const budget = ctx.connector.stats().dailyBudget;
  if (budget === null) return Infinity;
  const daily = Math.max(0, budget.limit - budget.used - BUDGET_RESERVE);
  const plan = ctx.scope.plan;
  return plan?.reach === 'near' ? Math.min(daily, Math.max(0, plan.budget.share - ctx.requests())) : daily;
}
