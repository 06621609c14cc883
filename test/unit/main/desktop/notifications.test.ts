import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../../../../electron/core/errors';
import { emptySyncCounts } from '../../../../electron/core/domain/sync-run';
import { Notifier } from '../../../../electron/main/desktop/notifier';
import { countsSummary, finishedSyncFromRun } from '../../../../electron/main/desktop/run-wording';
import { notificationForFinished } from '../../../../electron/main/desktop/sync-notifications';
import { runOf } from '../../../support/sync-runs';
import { FakeNotifications, FakePort, finished } from './fakes';

const NOW = new Date('2025-03-04T05:00:00.000Z');
const ZONE = 'Australia/Sydney';

describe('sync notifications', () => {
  it('a failed sync says so with the reason in plain words, whatever started it', () => {
    for (const trigger of ['scheduled', 'manual', 'catch_up'] as const) {
      const spec = notificationForFinished(
        finished({ trigger, status: 'failed', reason: 'Cliniko rejected the API key. Check it in Settings → Sources.' }),
        ZONE,
        NOW,
      );
      expect(spec).toEqual({
        title: 'Sync failed',
        body: 'Cliniko – Northside: Cliniko rejected the API key. Check it in Settings → Sources. The appointments shown may be out of date.',
        silent: false,
      });
    }
  });

  it('a deferred sync says when it continues, in the clinic’s time', () => {
    const spec = notificationForFinished(
      finished({
        status: 'deferred',
        sourceName: 'IntakeQ',
        reason: 'The daily limit of API requests is used up.',
        resumeAt: '2025-03-04T13:05:00.000Z',
      }),
      ZONE,
      NOW,
    );
    expect(spec).toEqual({
      title: 'Sync will continue later',
      body: 'IntakeQ: The daily limit of API requests is used up. ClinicSync continues tomorrow at 00:05.',
      silent: true,
    });
  });

  it('a manual sync ends with a summary; a scheduled success stays quiet; a cancel says nothing', () => {
    expect(notificationForFinished(finished({ trigger: 'manual' }), ZONE, NOW)).toEqual({
      title: 'Sync finished',
      body: 'Cliniko – Northside: 3 new and 12 changed appointments.',
      silent: true,
    });
    expect(
      notificationForFinished(
        finished({ trigger: 'manual', status: 'partial_success', summary: 'No changes; 2 records skipped' }),
        ZONE,
        NOW,
      )?.title,
    ).toBe('Sync finished with problems');
    expect(notificationForFinished(finished({ trigger: 'scheduled' }), ZONE, NOW)).toBeNull();
    expect(notificationForFinished(finished({ trigger: 'manual', status: 'cancelled' }), ZONE, NOW)).toBeNull();
  });

  it('the notifier shows them as runs finish, and a click opens the console', () => {
    const port = new FakePort();
    const factory = new FakeNotifications();
    let opened = 0;
    const notifier = new Notifier({ factory, port, openConsole: () => opened++, now: () => NOW });
    notifier.start();
    port.finish(finished({ status: 'failed', reason: 'Could not reach Cliniko: timed out. Check the internet connection and try again.' }));
    port.finish(finished({ trigger: 'scheduled' }));
    port.finish(finished({ trigger: 'manual', sourceName: null, summary: 'No changes' }));
    expect(factory.shown.map((spec) => spec.title)).toEqual(['Sync failed', 'Sync finished']);
    expect(factory.shown[1]?.body).toBe('No changes.');
    factory.clickLast();
    expect(opened).toBe(1);
    notifier.dispose();
    port.finish(finished({ status: 'failed' }));
    expect(factory.shown).toHaveLength(2);
  });

  it('says why a manual sync could not start, without leaking internal errors', () => {
    const factory = new FakeNotifications();
    const notifier = new Notifier({ factory, port: new FakePort(), openConsole: () => {}, now: () => NOW });
    notifier.couldNotStart(new UserFacingError('no_sources', 'Add a connection first: there is nothing to sync.'));
    notifier.couldNotStart(new Error('SQLITE_BUSY at /home/x/.config/ClinicSync/cache.db'));
    expect(factory.shown.map((spec) => spec.body)).toEqual([
      'Add a connection first: there is nothing to sync.',
      'ClinicSync could not start the sync. The details were written to its log.',
    ]);
  });

  it('shows nothing where the desktop has no notification service', () => {
    const factory = new FakeNotifications();
    factory.supported = false;
    const logged: string[] = [];
    const notifier = new Notifier({
      factory,
      port: new FakePort(),
      openConsole: () => {},
      now: () => NOW,
      log: (line) => logged.push(line),
    });
    expect(notifier.show({ title: 'Sync failed', body: 'x', silent: false })).toBe(false);
    expect(factory.shown).toEqual([]);
    expect(logged).toEqual(['notifications unsupported; not shown: Sync failed']);
  });
});

describe('finished runs in plain words', () => {
  // Only what the wording reads differs from the shared fixture: the finish time.
  const run = (patch: Parameters<typeof runOf>[0]) => runOf({ finishedAt: '2025-03-04T04:03:00.000Z', ...patch });

  it('summarises counts, never records', () => {
    expect(countsSummary(emptySyncCounts())).toBe('No changes');
    expect(
      countsSummary({ ...emptySyncCounts(), appointmentsNew: 3, appointmentsUpdated: 12, appointmentsCancelled: 1, patientsNew: 1 }),
    ).toBe('3 new and 12 changed appointments, 1 cancelled, 1 new patient');
    expect(countsSummary({ ...emptySyncCounts(), appointmentsUpdated: 1, errors: 2 })).toBe('1 changed appointment; 2 records skipped');
  });

  it('maps a run to what the port reports: reason for failures, resume time for deferrals', () => {
    const failed = finishedSyncFromRun(
      run({
        status: 'failed',
        errors: [{ kind: 'credentials_invalid', message: 'Cliniko rejected the API key. Check it in Settings → Sources.', at: '' }],
      }),
      'Cliniko',
    );
    expect(failed).toMatchObject({
      trigger: 'manual',
      status: 'failed',
      sourceName: 'Cliniko',
      reason: 'Cliniko rejected the API key. Check it in Settings → Sources.',
    });
    const deferred = finishedSyncFromRun(
      run({
        status: 'deferred',
        resumeAt: '2025-03-05T00:00:00.000Z',
        errors: [{ kind: 'budget_exhausted', message: 'IntakeQ daily budget used; continues after 00:00 UTC', at: '' }],
      }),
      'IntakeQ',
    );
    expect(deferred).toMatchObject({
      status: 'deferred',
      reason: 'The daily limit of API requests is used up.',
      resumeAt: '2025-03-05T00:00:00.000Z',
    });
    expect(finishedSyncFromRun(run({}), null)).toMatchObject({
      reason: null,
      summary: 'No changes',
      finishedAt: '2025-03-04T04:03:00.000Z',
    });
  });
});
