import { describe, expect, it } from 'vitest';
import type { SyncRun, SyncRunStatus, SyncTrigger } from '../../../electron/core/domain';
import { runOf } from '../../support/sync-runs';
import { failedScheduledRun } from '../../../electron/core/schedule';

let nextId = 100;
/** Runs newest first, as the cache lists them: each call makes an older one. */
function run(trigger: SyncTrigger, status: SyncRunStatus, finishedAt = '2026-06-15T17:01:00.000Z'): SyncRun {
  nextId--;
  return runOf({ id: nextId, trigger, status, startedAt: '2026-06-15T17:00:00.000Z', finishedAt });
}

describe('failedScheduledRun (from a source’s runs, newest first)', () => {
  it('finds a failed scheduled or catch-up run, with no retries yet', () => {
    const failed = run('scheduled', 'failed');
    expect(failedScheduledRun([failed, run('manual', 'completed')])).toEqual({
      runId: failed.id,
      source: 'north',
      failedAt: new Date('2026-06-15T17:01:00.000Z'),
      retries: 0,
    });
    expect(failedScheduledRun([run('catch_up', 'failed')])?.retries).toBe(0);
  });

  it('counts the failed retries that followed the slot’s run', () => {
    expect(failedScheduledRun([run('retry', 'failed'), run('retry', 'failed'), run('scheduled', 'failed')])?.retries).toBe(2);
  });

  it('leaves alone a source whose latest run succeeded, was manual, did not fail outright, or failed on its key', () => {
    expect(failedScheduledRun([run('retry', 'completed'), run('scheduled', 'failed')])).toBeNull();
    expect(failedScheduledRun([run('manual', 'failed'), run('scheduled', 'failed')])).toBeNull();
    expect(failedScheduledRun([run('scheduled', 'abandoned')])).toBeNull();
    expect(failedScheduledRun([run('scheduled', 'partial_success')])).toBeNull();
    const refusedKey = {
      ...run('scheduled', 'failed'),
      errors: [{ kind: 'credentials_invalid' as const, message: 'Key refused.', at: '' }],
    };
    expect(failedScheduledRun([refusedKey])).toBeNull();
    expect(failedScheduledRun([])).toBeNull();
  });
});
