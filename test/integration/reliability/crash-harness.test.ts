import { describe, expect, it } from 'vitest';
import { assertBuilt } from '../../support/run-cli';
import { runCrashHarness } from '../../support/crash-harness';

describe('crash harness (small; `npm run bench` runs 50 points)', () => {
  it('survives SIGKILL at random points: integrity ok, no duplicates, converged, no run left running', async () => {
    assertBuilt();
    const report = await runCrashHarness({ points: 4, patients: 120, seed: 7 });
    expect(report.failures).toEqual([]);
    expect(report).toMatchObject({ integrityOk: 4, noDuplicates: 4, converged: 4, noRunLeftRunning: 4 });
  }, 120_000);
});
