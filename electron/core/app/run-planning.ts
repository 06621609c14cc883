import type { Cache } from '../db';
import { createPlanEstimatesRepo, type PlanEstimatesRepo } from '../db/repos/plan-estimates';
import type { BudgetPlan, SyncMode, SyncPhase } from '../domain';
import type { Connector } from '../connectors/types';
import { PAGE_SIZE } from '../connectors/intakeq/intakeq-api';
import { slotsLeft, startOfLocalDay, type ScheduleSettings, type SlotKind } from '../schedule';
import { instantOfLocalTime, localDateOf } from '../schedule/zoned-time';
import { planRun, plannedPhases, type PlanEstimates } from '../sync/budget-planner';
import { readWindowCursor } from '../sync/window-cursor';

const DAY_MS = 86_400_000;
/** Before any incremental sync over the full windows has run, the nightly sync is reckoned at this share of the budget. */
const UNKNOWN_FULL_SHARE = 0.2;
/** More skipped syncs in a row than a day has slots changes nothing: their shares are capped by the budget. */
const SKIPS_LOOKED_AT = 100;

/** Pages a listing of `rows` takes, counting the short last one (a listing of nothing still costs a request). */
const pagesFor = (rows: number): number => Math.floor(rows / PAGE_SIZE) + 1;

/**
 * Where a whole-day `updatedSince` filter will list changes from, for a cursor: the connector asks
 * from the day before the cursor's (UTC), and the server reads that date as a day of its practice —
 * taken to keep the clinic's zone, as the schedule does.
 */
function wholeDaysBefore(cursor: string, zone: string): string {
  const day = localDateOf(new Date(Date.parse(cursor) - DAY_MS), 'UTC');
  return instantOfLocalTime(zone, day, 0).toISOString();
}

export interface RunPlanning {
  phases: SyncPhase[];
  plan?: BudgetPlan;
}

/**
 * Consults the budget planner for an incremental run of a source whose credential has a daily
 * budget (IntakeQ); other sources and modes run as their mode says. Cliniko has no daily cap — its
 * per-minute limit only paces a run — so there is nothing to share out, and its runs stay whole.
 */
export class RunPlanner {
  readonly #estimates: PlanEstimatesRepo;

  constructor(
    private readonly cache: Cache,
    private readonly schedule: () => ScheduleSettings,
    private readonly now: () => Date,
  ) {
    this.#estimates = createPlanEstimatesRepo(cache.db);
  }

  plan(source: string, connector: Connector, mode: SyncMode, phases: SyncPhase[], slot: SlotKind | null): RunPlanning {
    const budget = connector.stats().dailyBudget;
    if (budget === null || mode !== 'incremental') return { phases };
    const schedule = this.schedule();
    const now = this.now();
    const nearFrom = startOfLocalDay(now, schedule.timeZone).toISOString();
    // An empty `updatedSince` (a window swept before any change was seen) gives nothing to take changes from.
    const forwardSince = readWindowCursor(this.cache, source, 'appointments_forward')?.updatedSince || null;
    const left = slotsLeft(schedule, now, new Date(budget.resetsAt));
    const plan = planRun({
      slot,
      budget: { limit: budget.limit, used: budget.used },
      runsLeft: left,
      estimates: this.estimates(source, nearFrom, forwardSince, budget.limit, schedule.timeZone),
      nearFrom,
      hasCursors: forwardSince !== null,
      skippedBefore: this.skippedInARow(source),
    });
    return { phases: plannedPhases(phases, plan), plan };
  }

  /** Interval syncs of this source the planner skipped whole, in a row, up to now. */
  private skippedInARow(source: string): number {
    const recent = this.cache.runs.list({ source, limit: SKIPS_LOOKED_AT, offset: 0 }).rows;
    const firstRan = recent.findIndex((run) => run.scope.plan?.reach !== 'none');
    return firstRan === -1 ? recent.length : firstRan;
  }

  private estimates(source: string, nearFrom: string, forwardSince: string | null, limit: number, zone: string): PlanEstimates {
    const patientsCursor = this.cache.cursors.get(source, 'patients');
    // The connector pads the start by a day, so yesterday's appointments are listed too.
    const listedFrom = new Date(Date.parse(nearFrom) - DAY_MS).toISOString();
    const patients = patientsCursor ? this.#estimates.patientsChangedSince(source, wholeDaysBefore(patientsCursor, zone)) : 0;
    const upcoming = forwardSince ? this.#estimates.upcomingChangedSince(source, listedFrom, wholeDaysBefore(forwardSince, zone)) : 0;
    return {
      nearAppointments: pagesFor(upcoming),
      // The changed patients, then the listing of those deleted lately.
      nearPatients: pagesFor(patients) + 1,
      deletions: 1,
      full: this.#estimates.lastFullIncrementalRequests(source) ?? Math.ceil(limit * UNKNOWN_FULL_SHARE),
    };
  }
}
