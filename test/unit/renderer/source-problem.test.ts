import { describe, expect, it } from 'vitest';
import type { SourceView } from '../../../electron/contract';
import { followedWords } from '../../../renderer/src/lib/followed-source';
import { sourceProblem } from '../../../renderer/src/lib/source-problem';

type LastRun = NonNullable<SourceView['lastRun']>;
const run = (status: LastRun['status'], errorKind: LastRun['errorKind'] = null): LastRun => ({
  id: 1,
  status,
  startedAt: '2026-12-06T09:00:00.000Z',
  finishedAt: '2026-12-06T09:01:00.000Z',
  resumeAt: null,
  errorKind,
});
type Facts = Pick<SourceView, 'syncing' | 'hasCredential' | 'followedThroughHub'>;
const source = (lastRun: LastRun | null, extra: Partial<Facts> = {}) => ({
  syncing: false,
  hasCredential: true,
  followedThroughHub: null,
  lastRun,
  ...extra,
});

describe('a source’s problem, as the header, Sync and Settings show it', () => {
  it('is an error with the reason in plain words when the last sync failed or the key was refused', () => {
    expect(sourceProblem(source(run('failed', 'credentials_invalid')))).toEqual({
      tone: 'danger',
      title: 'Sync failed',
      reason: 'the API key was refused',
    });
    expect(sourceProblem(source(run('failed', 'connection_failed')))?.reason).toBe('could not connect');
    expect(sourceProblem(source(run('abandoned')))).toEqual({
      tone: 'danger',
      title: 'Sync failed',
      reason: 'the last sync did not finish',
    });
    expect(sourceProblem(source(null, { hasCredential: false }))).toMatchObject({ tone: 'danger', reason: 'no API key is stored' });
  });

  it('is a warning when a sync waits for a limit or finished with errors', () => {
    expect(sourceProblem(source(run('deferred', 'budget_exhausted')))).toEqual({
      tone: 'warn',
      title: 'Sync waiting',
      reason: 'today’s request limit is used up',
    });
    expect(sourceProblem(source(run('partial_success')))).toMatchObject({ tone: 'warn', title: 'Partly synced' });
  });

  it('is nothing for a source this desk follows through the clinic hub without a key, which is said calmly instead', () => {
    const followed = source(run('completed'), { hasCredential: false, followedThroughHub: { pulledBy: 'Desk A' } });
    expect(sourceProblem(followed)).toBeNull();
    expect(followedWords(followed)).toBe('Kept up to date from the clinic hub by Desk A');
    // Joined, but nothing has arrived from the pulling desk yet.
    const waiting = source(null, { hasCredential: false, followedThroughHub: { pulledBy: null } });
    expect(sourceProblem(waiting)).toBeNull();
    expect(followedWords(waiting)).toBe('Shared through the clinic hub');
    // The pulling desk's failure is still the clinic's problem, shown on every desk.
    expect(sourceProblem({ ...followed, lastRun: run('failed', 'credentials_invalid') })).toMatchObject({
      reason: 'the API key was refused',
    });
    expect(followedWords(source(null))).toBeNull();
  });

  it('is nothing while syncing, after a good or cancelled sync, or before the first', () => {
    expect(sourceProblem(source(run('failed', 'credentials_invalid'), { syncing: true }))).toBeNull();
    for (const status of ['completed', 'cancelled', 'running', 'queued'] as const) expect(sourceProblem(source(run(status)))).toBeNull();
    expect(sourceProblem(source(null))).toBeNull();
  });
});
