/**
 * What the budget planner chose for one run of a source with a daily request budget (IntakeQ's
 * 500): how far the run reaches, what it left out and why, and the figures it decided on. Stored
 * with the run's scope, so history, the CLI and the console can say why a sync did less.
 */
export type PlanReach =
  /** Every phase over the full windows (the nightly sync, a sync someone started). */
  | 'full'
  /** Front-desk refresh: appointments from the start of today on that changed since the last sync. */
  | 'near'
  /** Nothing fetched: the budget left was kept for the syncs still to come. */
  | 'none';

/** One part of a sync the planner left out, in words an admin can act on. */
export interface PlanSkip {
  what: string;
  why: string;
  /** Left to the nightly sync by what interval syncs are for, or for want of budget today. */
  cause: 'near_run' | 'budget';
}

export interface BudgetPlan {
  reach: PlanReach;
  /** The scheduled slot this run covers, when the schedule started it. */
  slot: 'nightly' | 'interval' | null;
  /**
   * A near run: where its upcoming appointments start (the start of today in the clinic's zone), and
   * whether it also fetches changed patients and the appointments deleted upstream.
   */
  near: { from: string; patients: boolean; deletions: boolean } | null;
  /** At most this many patients are looked up by id from appointments (each costs a request). */
  discoveryLimit: number | null;
  budget: {
    limit: number;
    /** Spent today before this run, by every face. */
    used: number;
    /** What scheduled syncs keep to today (a share of the limit). */
    scheduledCap: number;
    /** Scheduled syncs still to come today after this one. */
    intervalRunsLeft: number;
    nightlyRunsLeft: number;
    /** Requests this run may spend by the planner's sharing; what it expected to need. */
    share: number;
    estimated: number;
  };
  skipped: PlanSkip[];
}

/** One line for history lists and the CLI, or null for a run the planner left whole. */
export function planSummaryLine(plan: BudgetPlan | undefined): string | null {
  if (!plan || plan.reach === 'full') return null;
  const forBudget = plan.skipped.filter((skip) => skip.cause === 'budget').map((skip) => skip.what);
  if (plan.reach === 'none') {
    const { share, estimated } = plan.budget;
    return `skipped to keep within the daily budget (its share ${share} request${share === 1 ? '' : 's'}, about ${estimated} needed)`;
  }
  const rest = forBudget.length > 0 ? `; skipped for the daily budget: ${forBudget.join(', ')}` : '';
  return `interval sync: upcoming appointments from the start of today; the rest waits for the nightly sync${rest}`;
}
