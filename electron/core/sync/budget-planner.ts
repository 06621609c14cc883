import type { BudgetPlan, PlanSkip } from '../domain';

/**
 * Scheduled syncs keep to this share of a daily budget (IntakeQ: 300 of 500); the rest stays for
 * syncs people start, "Refresh this day", connection tests and another desk sharing the key.
 */
export const SCHEDULED_SHARE = 0.6;

/** What a near run leaves to the nightly sync by design, whatever the budget. */
const NEAR_LEAVES_OUT: PlanSkip[] = [
  {
    what: 'past appointments',
    why: 'interval syncs refresh today and upcoming appointments; the nightly sync covers the past',
    cause: 'near_run',
  },
  { what: 'appointment details', why: 'completed by the nightly sync', cause: 'near_run' },
  { what: 'practitioners', why: 'refreshed by the nightly sync', cause: 'near_run' },
  { what: 'days newly reaching the upcoming window', why: 'added by the nightly sync, a day at a time', cause: 'near_run' },
];

/** Requests each part of a run is expected to take (from what the cache holds; see plan-estimates). */
export interface PlanEstimates {
  /** Upcoming appointments (from the start of today) changed since the last sync. */
  nearAppointments: number;
  /** Patients changed since the last sync, and those deleted lately. */
  nearPatients: number;
  /** Appointments deleted upstream lately (one listing). */
  deletions: number;
  /** A whole incremental sync over the full windows, as the nightly sync runs it. */
  full: number;
}

export interface PlanInput {
  /** The scheduled slot the run covers; null for a sync someone started (or a continuation). */
  slot: 'nightly' | 'interval' | null;
  budget: { limit: number; used: number };
  /** Scheduled slots still to come in the budget's day, after this one. */
  runsLeft: { interval: number; nightly: number };
  estimates: PlanEstimates;
  /** Where a near run starts: the start of today in the clinic's zone. */
  nearFrom: string;
  /** Whether the source has been synced before: without cursors, only a full run makes sense. */
  hasCursors: boolean;
  /** Interval syncs skipped in a row just before this one: their shares were saved for this one. */
  skippedBefore: number;
}

/**
 * Chooses what one run of a source with a daily budget fetches. Interval syncs fetch the near
 * window — upcoming appointments changed since the last sync, deletions, then changed patients —
 * within their fair share of what scheduled syncs may still spend today after the nightly sync's
 * needs are set aside (plus the shares of the syncs skipped just before); what does not fit is
 * skipped, and said so. The nightly sync, and any sync a
 * person starts, run in full: the budget itself still stops them (a deferred run) when it is spent.
 */
export function planRun(input: PlanInput): BudgetPlan {
  const { limit, used } = input.budget;
  const scheduledCap = Math.floor(limit * SCHEDULED_SHARE);
  const base = {
    slot: input.slot,
    budget: {
      limit,
      used,
      scheduledCap,
      intervalRunsLeft: input.runsLeft.interval,
      nightlyRunsLeft: input.runsLeft.nightly,
      share: Math.max(0, limit - used),
      estimated: input.estimates.full,
    },
  };
  if (input.slot !== 'interval' || !input.hasCursors) {
    return { ...base, reach: 'full', near: null, discoveryLimit: null, skipped: [] };
  }

  const pool = Math.max(0, scheduledCap - used - input.runsLeft.nightly * input.estimates.full);
  // A sync skipped for want of budget saves its share for the next: the syncs that do run are spread
  // over the day (every second or third hour) rather than all crowded into its end.
  const fair = Math.floor(pool / (input.runsLeft.interval + 1));
  const share = Math.min(pool, fair * (input.skippedBefore + 1));
  const why = budgetWords(input, scheduledCap, share);
  const { nearAppointments, deletions, nearPatients } = input.estimates;
  if (share < nearAppointments) {
    return {
      ...base,
      budget: { ...base.budget, share, estimated: nearAppointments },
      reach: 'none',
      near: null,
      discoveryLimit: 0,
      skipped: [
        { what: 'this interval sync', why: `upcoming appointments need about ${requests(nearAppointments)}, ${why}`, cause: 'budget' },
      ],
    };
  }
  let estimated = nearAppointments;
  const skipped: PlanSkip[] = [...NEAR_LEAVES_OUT];
  const fits = (what: string, cost: number): boolean => {
    if (estimated + cost > share) {
      skipped.push({
        what,
        why: `about ${cost} more ${cost === 1 ? 'request' : 'requests'}, ${why}; the nightly sync fetches them`,
        cause: 'budget',
      });
      return false;
    }
    estimated += cost;
    return true;
  };
  // In this order: a deleted visit left showing misleads the front desk more than a changed phone number.
  const withDeletions = fits('appointments deleted upstream', deletions);
  const withPatients = fits('patients changed since the last sync', nearPatients);
  return {
    ...base,
    budget: { ...base.budget, share, estimated },
    reach: 'near',
    near: { from: input.nearFrom, patients: withPatients, deletions: withDeletions },
    // Each patient looked up by id costs a request: only what is left of this run's share.
    discoveryLimit: share - estimated,
    skipped,
  };
}

const requests = (n: number): string => `${n} request${n === 1 ? '' : 's'}`;

/** "but this sync's share of the daily budget is 8 (212 of 500 used today; 6 more interval syncs to come; scheduled syncs keep to 300)" */
function budgetWords(input: PlanInput, cap: number, share: number): string {
  const saved = input.skippedBefore > 0 ? `, with what the ${input.skippedBefore} skipped before it saved` : '';
  const { interval, nightly } = input.runsLeft;
  const toCome = [
    interval > 0 ? `${interval} more interval sync${interval === 1 ? '' : 's'}` : null,
    nightly > 0 ? `the nightly sync (about ${input.estimates.full} requests)` : null,
  ].filter((part) => part !== null);
  return (
    `but this sync's share of the daily budget is ${share}${saved} (${input.budget.used} of ${input.budget.limit} used today` +
    `${toCome.length > 0 ? `; ${toCome.join(' and ')} to come` : ''}; scheduled syncs keep to ${cap})`
  );
}

/** The phases a planned run takes, from those of its mode. */
export function plannedPhases<P extends string>(phases: readonly P[], plan: BudgetPlan): P[] {
  if (plan.reach === 'full') return [...phases];
  const near = plan.near;
  if (plan.reach === 'none' || near === null) return [];
  return phases.filter(
    (phase) => phase === 'appointments_forward' || (phase === 'reconcile' && near.deletions) || (phase === 'patients' && near.patients),
  );
}
