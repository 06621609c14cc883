import type { NotificationSpec } from './electron-like';
import type { FinishedSync } from './ports';
import { futurePhrase } from './time-phrases';

/**
 * The notification a finished run deserves, or null. Failures and deferrals are announced whatever
 * started them (nobody watches a nightly sync); a summary only when someone asked for the sync.
 * Bodies carry counts and reasons only: notifications show on lock screens, so never patient names.
 */
export function notificationForFinished(finished: FinishedSync, timeZone: string, now: Date): NotificationSpec | null {
  const from = finished.sourceName ? `${finished.sourceName}: ` : '';
  switch (finished.status) {
    case 'failed':
      return {
        title: 'Sync failed',
        body: `${from}${finished.reason ?? 'ClinicSync could not finish the sync.'} The appointments shown may be out of date.`,
        silent: false,
      };
    case 'deferred': {
      const when = finished.resumeAt
        ? `ClinicSync continues ${futurePhrase(finished.resumeAt, timeZone, now)}.`
        : 'ClinicSync continues when the limit resets.';
      return {
        title: 'Sync will continue later',
        body: `${from}${finished.reason ?? 'The API request limit was reached.'} ${when}`,
        silent: true,
      };
    }
    case 'completed':
    case 'partial_success':
      if (finished.trigger !== 'manual') return null;
      return {
        title: finished.status === 'completed' ? 'Sync finished' : 'Sync finished with problems',
        body: `${from}${finished.summary || 'No changes'}.`,
        silent: true,
      };
    default:
      return null;
  }
}
