import type { BudgetPlan } from '../domain';
import { formatInstant } from './pages';
import type { RunContext } from './run-context';

/** What the budget planner chose, as activity lines: the near run's reach, then each skip and its reason. */
export function planLines(plan: BudgetPlan, serviceName: string, timeZone: string): Array<{ level: 'info' | 'warn'; message: string }> {
  const { used, limit, estimated } = plan.budget;
  const budget = `${serviceName}'s daily budget: ${used} of ${limit} requests used today`;
  if (plan.reach === 'full') {
    return [{ level: 'info', message: `${budget}; this sync over the full windows usually takes about ${estimated}.` }];
  }
  if (plan.reach === 'none') {
    return plan.skipped.map((skip) => ({ level: 'warn', message: `Skipped ${skip.what}: ${skip.why}.` }));
  }
  const byDesign = plan.skipped.filter((skip) => skip.cause === 'near_run');
  const forBudget = plan.skipped.filter((skip) => skip.cause === 'budget');
  const from = plan.near ? formatInstant(plan.near.from, timeZone) : '';
  return [
    {
      level: 'info',
      message:
        `Interval sync (${budget}): upcoming appointments changed since the last sync, from ${from}, ` +
        `about ${estimated} request${estimated === 1 ? '' : 's'}. Left to the nightly sync: ${byDesign.map((skip) => skip.what).join(', ')}.`,
    },
    ...forBudget.map((skip) => ({ level: 'warn' as const, message: `Skipped ${skip.what}: ${skip.why}.` })),
  ];
}

export function logPlan(ctx: RunContext): void {
  const plan = ctx.scope.plan;
  if (!plan) return;
  for (const line of planLines(plan, ctx.serviceName, ctx.settings.timeZone)) ctx.log(line.level, line.message);
}
