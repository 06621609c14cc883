import { describe, expect, it } from 'vitest';
import type { SourceView } from '../../../electron/contract';
import { finishedHeadline, fromHubHeadline } from '../../../renderer/src/components/sync/finished-words';
import { rosterFreshness } from '../../../renderer/src/components/sync/roster-sync-words';
import { schedulerWords } from '../../../renderer/src/components/sync/schedule-words';
import { progressOf, runOf, scheduleOf } from '../../support/sync-runs';

const MEL = 'Australia/Melbourne';
const NOW = new Date('2026-03-10T02:07:30.000Z'); // 13:07 in Melbourne
const clock = (iso: string) => iso.slice(11, 16);

describe('the finished-run line shown on every page', () => {
  it('says what a run did, patients and appointments each with what changed', () => {
    const run = runOf({
      counts: {
        patientsFound: 650,
        patientsNew: 12,
        patientsUpdated: 30,
        patientsUnchanged: 608,
        appointmentsNew: 40,
        appointmentsUpdated: 5,
        appointmentsUnchanged: 1335,
        appointmentsCancelled: 3,
      },
    });
    expect(finishedHeadline(run, 'Demo practice', clock)).toEqual({
      text: 'Synced Demo practice · 650 patients (12 new, 30 updated) · 1,380 appointments (40 new, 5 updated, 3 cancelled)',
      tone: 'ok',
    });
    // An incremental run that found no patient changed says nothing about "0 patients".
    expect(finishedHeadline(runOf({ counts: { appointmentsUnchanged: 206 } }), 'Demo practice', clock).text).toBe(
      'Synced Demo practice · 206 appointments',
    );
    expect(finishedHeadline(runOf(), 'Demo practice', clock).text).toBe('Synced Demo practice · nothing changed');
    expect(finishedHeadline(runOf({ counts: { appointmentsFailed: 2 } }), 'Demo', clock)).toEqual({
      text: 'Synced Demo · nothing changed · 2 records skipped',
      tone: 'warn',
    });
  });

  it('never says a failed, cancelled or paused run synced anything', () => {
    const failed = finishedHeadline(
      runOf({ status: 'failed', errors: [{ kind: 'connection_failed', message: 'Cliniko could not be reached.', at: '' }] }),
      'Northside',
      clock,
    );
    expect(failed).toEqual({ text: 'Sync of Northside failed: Cliniko could not be reached.', tone: 'danger' });
    expect(finishedHeadline(runOf({ status: 'abandoned' }), 'Northside', clock).text).not.toMatch(/Synced/);
    expect(finishedHeadline(runOf({ status: 'cancelled' }), 'Northside', clock).text).toBe(
      'Sync of Northside cancelled · what was fetched before is kept',
    );
    expect(finishedHeadline(runOf({ status: 'deferred', resumeAt: '2026-03-10T10:42:00.000Z' }), 'IntakeQ', clock).text).toMatch(
      /^Sync of IntakeQ paused until 10:42/,
    );
  });
});

describe('the scheduler in words', () => {
  it('says its state and its next run in the clinic’s time', () => {
    expect(schedulerWords(scheduleOf(), NOW, MEL)).toEqual({ state: 'Active', tone: 'ok', next: 'Next sync 03:00 tomorrow', pending: [] });
    expect(schedulerWords(scheduleOf({ paused: true, active: false, nextRunAt: null }), NOW, MEL)).toMatchObject({
      state: 'Paused',
      tone: 'warn',
      next: 'No automatic sync while paused',
    });
    expect(schedulerWords(scheduleOf({ active: false, nextRunAt: null }), NOW, MEL).next).toBe('No automatic sync planned');
  });

  it('names a retry and a deferred run still to come', () => {
    const words = schedulerWords(
      scheduleOf({ retry: { at: '2026-03-10T02:37:30.000Z', runId: 4, attempt: 1, attempts: 3 }, resumeAt: '2026-03-10T13:00:00.000Z' }),
      NOW,
      MEL,
    );
    expect(words.pending).toEqual([
      'A sync paused by its API budget continues 00:00 tomorrow',
      'A failed sync is tried again 13:37 today (attempt 1 of 3)',
    ]);
  });
});

describe('the roster’s freshness line', () => {
  const src = (id: string, lastSuccessAt: string | null) =>
    ({ id, name: id === 'north' ? 'Northside' : 'Southside', lastSuccessAt }) as SourceView;

  it('says how fresh the least fresh source is', () => {
    expect(rosterFreshness([src('north', '2026-03-10T01:02:00.000Z')], {}, NOW, MEL)).toBe('Appointments current as of 12:02 today');
    expect(rosterFreshness([src('north', '2026-03-10T01:02:00.000Z'), src('south', '2026-03-09T01:00:00.000Z')], {}, NOW, MEL)).toBe(
      'Appointments current as of 12:00 yesterday (Southside, the oldest)',
    );
    expect(rosterFreshness([src('north', '2026-03-10T01:02:00.000Z'), src('south', null)], {}, NOW, MEL)).toBe(
      'Southside has never synced',
    );
  });

  it('while a sync runs, says its share done and the whole run’s time left', () => {
    const line = rosterFreshness([src('north', null)], { north: progressOf({ percent: 31.2, etaSeconds: 185 }) }, NOW, MEL);
    expect(line).toBe('Syncing now · 31% · about 3 min 5 s left');
  });
});

describe('what "Update from hub" brought, on a desk of a clinic hub', () => {
  const names: Record<string, string> = { south: 'Southside', north: 'Northside', east: 'Eastside' };
  const nameOf = (id: string) => names[id] ?? id;

  it('says the followed sources are up to date and how many records came from the other desks', () => {
    expect(fromHubHeadline([{ source: 'south', reason: 'this desk has no API key for it', applied: 1204 }], nameOf)).toBe(
      'Southside is up to date with the clinic hub · 1,204 records from the other desks applied',
    );
    expect(
      fromHubHeadline(
        ['south', 'north', 'east'].map((source) => ({ source, reason: 'the desk Back office is pulling it', applied: 0 })),
        nameOf,
      ),
    ).toBe('Southside, Northside and Eastside are up to date with the clinic hub · nothing new from the other desks');
  });

  it('while this desk pulls others, says a followed source arrives at the end, and why it is not pulled here', () => {
    expect(fromHubHeadline([{ source: 'north', reason: 'the desk Back office is pulling it', applied: null }], nameOf)).toBe(
      'Northside comes from the clinic hub when this sync ends: the desk Back office is pulling it',
    );
  });
});
