import { describe, expect, it } from 'vitest';
import { planSummaryLine } from '../../../electron/core/domain';
import { planRun, plannedPhases, SCHEDULED_SHARE, type PlanInput } from '../../../electron/core/sync/budget-planner';
import { phasesFor } from '../../../electron/core/sync/plan';

const NEAR_FROM = '2026-03-12T04:00:00.000Z';

/** An interval sync at 14:00 with IntakeQ's 500 a day: 120 spent, five more interval syncs today. */
function input(overrides: Partial<PlanInput> = {}): PlanInput {
  return {
    slot: 'interval',
    budget: { limit: 500, used: 120 },
    runsLeft: { interval: 5, nightly: 0 },
    estimates: { nearAppointments: 4, nearPatients: 3, deletions: 1, full: 40 },
    nearFrom: NEAR_FROM,
    hasCursors: true,
    skippedBefore: 0,
    ...overrides,
  };
}

const skippedWhat = (plan: ReturnType<typeof planRun>) => plan.skipped.filter((s) => s.cause === 'budget').map((s) => s.what);

describe('budget planner: interval syncs', () => {
  it('shares what scheduled syncs may still spend today equally between this sync and those to come', () => {
    const plan = planRun(input());
    // (500 × 0.6 − 120) / (5 + 1) = 30 each.
    expect(SCHEDULED_SHARE).toBe(0.6);
    expect(plan.budget).toEqual({
      limit: 500,
      used: 120,
      scheduledCap: 300,
      intervalRunsLeft: 5,
      nightlyRunsLeft: 0,
      share: 30,
      estimated: 8,
    });
    expect(plan.reach).toBe('near');
    expect(plan.near).toEqual({ from: NEAR_FROM, patients: true, deletions: true });
    // Patients looked up by id from appointments get what is left of the share.
    expect(plan.discoveryLimit).toBe(22);
    expect(skippedWhat(plan)).toEqual([]);
  });

  it('always leaves the past, details, practitioners and new far days to the nightly sync, and says so', () => {
    const plan = planRun(input());
    expect(plan.skipped.filter((s) => s.cause === 'near_run').map((s) => s.what)).toEqual([
      'past appointments',
      'appointment details',
      'practitioners',
      'days newly reaching the upcoming window',
    ]);
    expect(plannedPhases(phasesFor('incremental'), plan)).toEqual(['patients', 'appointments_forward', 'reconcile']);
  });

  it('sets aside what the nightly syncs still to come in the budget day need before sharing', () => {
    // (300 − 120 − 2 × 40) / (4 + 1) = 20.
    expect(planRun(input({ runsLeft: { interval: 4, nightly: 2 } })).budget.share).toBe(20);
  });

  it('drops changed patients first when the share does not cover them, and gives the figures', () => {
    // (300 − 270) / 6 = 5: upcoming appointments (4) and deletions (1) fit, patients (3) do not.
    const plan = planRun(input({ budget: { limit: 500, used: 270 } }));
    expect(plan.reach).toBe('near');
    expect(plan.near).toEqual({ from: NEAR_FROM, patients: false, deletions: true });
    expect(plan.discoveryLimit).toBe(0);
    expect(plan.skipped.filter((s) => s.cause === 'budget')).toEqual([
      {
        what: 'patients changed since the last sync',
        why:
          "about 3 more requests, but this sync's share of the daily budget is 5 (270 of 500 used today; 5 more interval syncs to come; " +
          'scheduled syncs keep to 300); the nightly sync fetches them',
        cause: 'budget',
      },
    ]);
    expect(plannedPhases(phasesFor('incremental'), plan)).toEqual(['appointments_forward', 'reconcile']);
  });

  it('then the deletion listing, keeping the upcoming appointments', () => {
    const plan = planRun(input({ budget: { limit: 500, used: 276 } }));
    expect(plan.budget.share).toBe(4);
    expect(plan.near).toEqual({ from: NEAR_FROM, patients: false, deletions: false });
    expect(skippedWhat(plan)).toEqual(['appointments deleted upstream', 'patients changed since the last sync']);
    expect(plannedPhases(phasesFor('incremental'), plan)).toEqual(['appointments_forward']);
  });

  it('skips the whole sync when even the upcoming appointments do not fit, and fetches nothing', () => {
    const plan = planRun(input({ budget: { limit: 500, used: 290 }, runsLeft: { interval: 2, nightly: 0 } }));
    expect(plan.reach).toBe('none');
    expect(plan.budget.share).toBe(3);
    expect(plan.skipped).toEqual([
      {
        what: 'this interval sync',
        why:
          "upcoming appointments need about 4 requests, but this sync's share of the daily budget is 3 (290 of 500 used today; " +
          '2 more interval syncs to come; scheduled syncs keep to 300)',
        cause: 'budget',
      },
    ]);
    expect(plannedPhases(phasesFor('incremental'), plan)).toEqual([]);
  });

  it('gives a sync the shares of those skipped just before it, so the syncs that run are spread over the day', () => {
    // (300 − 276) / (11 + 1) = 2 each, short of the 4 upcoming appointments need: every second sync runs.
    const tight = input({ budget: { limit: 500, used: 276 }, runsLeft: { interval: 11, nightly: 0 } });
    expect(planRun(tight).reach).toBe('none');
    const next = planRun({ ...tight, runsLeft: { interval: 10, nightly: 0 }, skippedBefore: 1 });
    expect(next.budget.share).toBe(4);
    expect(next.reach).toBe('near');
    expect(next.skipped.filter((s) => s.cause === 'budget').map((s) => s.why)[0]).toContain(
      "this sync's share of the daily budget is 4, with what the 1 skipped before it saved (276 of 500 used today",
    );
    // Never more than what scheduled syncs may still spend.
    expect(planRun({ ...tight, skippedBefore: 50 }).budget.share).toBe(24);
  });

  it('names the nightly sync still to come in its reason', () => {
    const plan = planRun(input({ budget: { limit: 500, used: 280 }, runsLeft: { interval: 1, nightly: 1 } }));
    expect(plan.reach).toBe('none');
    expect(plan.skipped[0]?.why).toContain('1 more interval sync and the nightly sync (about 40 requests) to come');
  });

  it('never plans a negative share once the scheduled share is spent (by syncs people started too)', () => {
    const plan = planRun(input({ budget: { limit: 500, used: 420 } }));
    expect(plan.budget.share).toBe(0);
    expect(plan.reach).toBe('none');
  });

  it('runs in full before the source has cursors: there is nothing to take changes from', () => {
    const plan = planRun(input({ hasCursors: false }));
    expect(plan.reach).toBe('full');
    expect(plannedPhases(phasesFor('incremental'), plan)).toEqual(phasesFor('incremental'));
  });
});

describe('budget planner: nightly syncs and syncs people start', () => {
  it('runs them over the full windows with every phase, noting the budget and the expected cost', () => {
    for (const slot of ['nightly', null] as const) {
      const plan = planRun(input({ slot, budget: { limit: 500, used: 12 } }));
      expect(plan).toMatchObject({ reach: 'full', slot, near: null, discoveryLimit: null, skipped: [] });
      expect(plan.budget).toMatchObject({ used: 12, share: 488, estimated: 40 });
      expect(plannedPhases(phasesFor('incremental'), plan)).toEqual(phasesFor('incremental'));
    }
  });
});

describe('the plan in one line (history lists, the CLI)', () => {
  it('says nothing for a whole run, what a near run left out, and why a sync was skipped', () => {
    expect(planSummaryLine(undefined)).toBeNull();
    expect(planSummaryLine(planRun(input({ slot: 'nightly' })))).toBeNull();
    expect(planSummaryLine(planRun(input()))).toBe(
      'interval sync: upcoming appointments from the start of today; the rest waits for the nightly sync',
    );
    expect(planSummaryLine(planRun(input({ budget: { limit: 500, used: 270 } })))).toBe(
      'interval sync: upcoming appointments from the start of today; the rest waits for the nightly sync; ' +
        'skipped for the daily budget: patients changed since the last sync',
    );
    expect(planSummaryLine(planRun(input({ budget: { limit: 500, used: 290 }, runsLeft: { interval: 2, nightly: 0 } })))).toBe(
      'skipped to keep within the daily budget (its share 3 requests, about 4 needed)',
    );
  });
});
