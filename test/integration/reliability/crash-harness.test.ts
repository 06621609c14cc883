import { describe, expect, it } from 'vitest';
import { assertBuilt } from '../../support/run-cli';
import { runCrashHarness } from '../../support/crash-harness';
import { CHECKS } from '../../support/crash-checks';

describe('crash harness (small; `npm run bench` runs 50 points)', () => {
  it('survives SIGKILL at seeded points: integrity ok, cache equal to upstream both ways, no change or run twice, no run left running', async () => {
    assertBuilt();
    const report = await runCrashHarness({ points: 4, patients: 120, seed: 7 });
    expect(report.failures).toEqual([]);
    const rounds = Object.values(report.byMoment).reduce((sum, g) => sum + g.rounds, 0);
    expect(rounds).toBe(4);
    for (const group of Object.values(report.byMoment)) {
      for (const check of CHECKS) expect(group.passed[check], check).toBe(group.rounds);
    }
    // The edits between kills include removals, not only renames and reschedules.
    expect(report.edits.added + report.edits.renamed + report.edits.rescheduled).toBeGreaterThan(0);
  }, 180_000);
});
