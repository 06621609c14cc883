import { CHECKS, type CheckName } from '../support/crash-checks';
import { runCrashHarness, type KillMoment } from '../support/crash-harness';
import { assertBuilt } from '../support/run-cli';
import type { Benchmark, BenchMetric } from './bench-types';
import { atScale } from './scale';

const POINTS = Number(process.env.CLINICSYNC_CRASH_POINTS ?? atScale(50, 4));
const PATIENTS = atScale(1000, 120);

const CHECK_LABELS: Record<CheckName, string> = {
  integrity: 'integrity_check ok',
  converged: 'cache equal to upstream (every field, both ways)',
  noDuplicateChanges: 'no change recorded twice',
  runsAccounted: 'no extra or overlapping runs',
  noRunLeftRunning: 'no run left running',
};

const MOMENTS: Record<KillMoment, string> = {
  midSync: 'killed mid-sync (left a run running)',
  beforeRun: 'killed before its run began (Node start-up)',
  afterRun: 'killed after its run had ended',
};

/** Issue 8's crash harness at full size: SIGKILL at 50 seeded points of a 1,000-patient sync. */
const bench: Benchmark = {
  name: 'crash-harness',
  async run() {
    assertBuilt();
    const report = await runCrashHarness({ points: POINTS, patients: PATIENTS, seed: 20261130 });
    const metrics: BenchMetric[] = [];
    for (const [moment, label] of Object.entries(MOMENTS) as Array<[KillMoment, string]>) {
      const group = report.byMoment[moment];
      metrics.push({ name: label, value: group.rounds, unit: `of ${POINTS} rounds` });
      if (group.rounds === 0) continue;
      for (const check of CHECKS) {
        const passed = group.passed[check];
        metrics.push({
          name: `  ${label.split(' (')[0]}: ${CHECK_LABELS[check]}`,
          value: passed,
          unit: `of ${group.rounds}`,
          target: `= ${group.rounds}`,
          met: passed === group.rounds,
        });
      }
    }
    const edits = Object.entries(report.edits)
      .map(([kind, n]) => `${kind} ${n}`)
      .join(', ');
    return {
      metrics,
      notes: [
        `${PATIENTS} patients; each round edits upstream, starts \`clinicsync sync\` (full or incremental), SIGKILLs it after a seeded delay between the CLI's start-up time (measured with \`clinicsync history\`) and one full sync's duration, syncs again and checks. A round counts as mid-sync only if the kill left a run \`running\`.`,
        `Upstream edits over all rounds: ${edits}.`,
        ...(report.failures.length ? report.failures : ['No failures.']),
      ],
    };
  },
};

export default bench;
