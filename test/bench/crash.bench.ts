import { runCrashHarness } from '../support/crash-harness';
import { assertBuilt } from '../support/run-cli';
import type { Benchmark } from './bench-types';

const POINTS = Number(process.env.CLINICSYNC_CRASH_POINTS ?? 50);

/** Issue 8's crash harness at full size: SIGKILL at 50 random points of a 1,000-patient sync. */
const bench: Benchmark = {
  name: 'crash-harness',
  async run() {
    assertBuilt();
    const report = await runCrashHarness({ points: POINTS, patients: 1000, seed: 20261130 });
    const all = (value: number) => ({ value, unit: `of ${POINTS}`, target: `= ${POINTS}`, met: value === POINTS });
    return {
      metrics: [
        { name: 'kills that landed mid-sync', value: report.killedMidSync, unit: `of ${POINTS}` },
        { name: 'integrity_check ok', ...all(report.integrityOk) },
        { name: 'no duplicate records', ...all(report.noDuplicates) },
        { name: 'cache equal to upstream', ...all(report.converged) },
        { name: 'no run left running', ...all(report.noRunLeftRunning) },
      ],
      notes: report.failures.length ? report.failures : ['No failures.'],
    };
  },
};

export default bench;
