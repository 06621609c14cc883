import { describe, expect, it } from 'vitest';
import { unfinishedRunLine } from '../../../electron/cli/commands/serve';
import type { SyncRun } from '../../../electron/core/domain';

const run = (patch: Partial<SyncRun>) => ({ source: 'cliniko-3f2a9c1d', sourceName: 'Northside', errors: [], ...patch }) as SyncRun;

describe('clinicsync serve terminal lines', () => {
  it('names the source, not its id, when a sync does not complete', () => {
    expect(unfinishedRunLine(run({ status: 'cancelled' }))).toBe('Sync of Northside ended cancelled.');
    expect(
      unfinishedRunLine(run({ status: 'partial_success', errors: [{ kind: 'invalid_data', message: 'Skipped 1 patient.', at: '' }] })),
    ).toBe('Sync of Northside ended partial success: Skipped 1 patient.');
    expect(unfinishedRunLine(run({ status: 'failed', sourceName: 'Southside (removed)' }))).toBe(
      'Sync of Southside (removed) ended failed.',
    );
  });

  it('stays quiet about completed syncs', () => {
    expect(unfinishedRunLine(run({ status: 'completed' }))).toBeNull();
  });
});
