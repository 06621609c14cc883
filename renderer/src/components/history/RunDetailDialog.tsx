import type { RunDetail } from '../../store/history-store';
import { runCountsLine } from '@contract';
import { Alert, Badge, Dialog, Skeleton } from '../ui';
import { formatClockSeconds, formatWhen } from '../../lib/clinic-time';
import { formatCount, formatDuration } from '../../lib/format';
import { TRIGGER_LABELS, TYPE_LABELS } from './health';
import { activityRemoved } from '../../lib/retention';
import { RUN_STATUS } from '../../lib/status';
import { useSettingsStore } from '../../store/instances';

const ERROR_KIND_LABELS: Record<string, string> = {
  credentials_invalid: 'Key not accepted',
  permission_denied: 'Permission denied',
  connection_failed: 'Could not connect',
  rate_limited: 'Rate limited',
  budget_exhausted: 'Daily budget used up',
  invalid_data: 'Invalid data',
  server_error: 'Server error',
  not_found: 'Not found',
  cancelled: 'Cancelled',
  internal: 'Internal error',
};

const LEVEL_LABELS: Record<string, string> = { debug: 'Debug', info: 'Info', warn: 'Warning', error: 'Error' };

interface Props {
  open: boolean;
  detail: RunDetail | null;
  error: string | null;
  sourceName: string;
  timeZone: string;
  now: Date;
  onClose(): void;
}

/** One run: what it did, its errors and its activity. */
export function RunDetailDialog({ open, detail, error, sourceName, timeZone, now, onClose }: Props) {
  const run = detail?.run;
  const activityDays = useSettingsStore((s) => s.settings?.retention.activityDays ?? null);
  const status = run ? RUN_STATUS[run.status] : null;
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => !next && onClose()}
      title={run ? `${TYPE_LABELS[run.scope.mode]} · ${sourceName}` : 'Sync run'}
      description={run ? `Started ${formatWhen(run.startedAt, now, timeZone)}` : undefined}
      className="hist-detail"
      testId="run-detail"
    >
      {error && <Alert tone="danger">{error}</Alert>}
      {!run && !error && (
        <div className="hist-detail-loading" aria-busy="true">
          <Skeleton />
          <Skeleton width="70%" />
          <Skeleton width="50%" />
        </div>
      )}
      {run && status && detail && (
        <div className="hist-detail-body">
          <p className="hist-detail-status">
            <Badge tone={status.tone} dot>
              {status.label}
            </Badge>
            <span>{runCountsLine(run)}.</span>
          </p>
          <dl className="hist-facts">
            <dt>Trigger</dt>
            <dd>{TRIGGER_LABELS[run.trigger]}</dd>
            <dt>Desk</dt>
            <dd>{run.desk ?? 'This desk'}</dd>
            <dt>Duration</dt>
            <dd>{formatDuration(run.durationMs)}</dd>
            <dt>Finished</dt>
            <dd>{run.finishedAt ? formatWhen(run.finishedAt, now, timeZone) : 'Not finished'}</dd>
            <dt>API requests</dt>
            <dd>
              {formatCount(run.apiRequests)}
              {run.rateLimitWaitMs > 0 ? ` · waited ${formatDuration(run.rateLimitWaitMs)} for rate limits` : ''}
            </dd>
            <dt>Patients</dt>
            <dd>
              {formatCount(run.counts.patientsFound)} checked · {formatCount(run.counts.patientsNew)} new ·{' '}
              {formatCount(run.counts.patientsUpdated)} updated · {formatCount(run.counts.patientsUnchanged)} unchanged
              {run.counts.patientsFailed > 0 ? ` · ${formatCount(run.counts.patientsFailed)} skipped` : ''}
              {run.counts.patientsRemoved > 0 ? ` · ${formatCount(run.counts.patientsRemoved)} deleted at source` : ''}
            </dd>
            <dt>Appointments</dt>
            <dd>
              {formatCount(run.counts.appointmentsNew)} new · {formatCount(run.counts.appointmentsUpdated)} updated ·{' '}
              {formatCount(run.counts.appointmentsUnchanged)} unchanged · {formatCount(run.counts.appointmentsCancelled)} cancelled ·{' '}
              {formatCount(run.counts.appointmentsRemoved)} deleted at source
              {run.counts.appointmentsLookedUp > 0 ? ` · ${formatCount(run.counts.appointmentsLookedUp)} looked up by id` : ''}
            </dd>
            {run.countCheck && (
              <>
                <dt>Count check</dt>
                <dd>{run.countCheck}</dd>
              </>
            )}
            {run.resumeAt && (
              <>
                <dt>Continues</dt>
                <dd>{formatWhen(run.resumeAt, now, timeZone)}</dd>
              </>
            )}
          </dl>

          <section aria-labelledby="hist-detail-errors">
            <h3 id="hist-detail-errors" className="hist-detail-heading">
              Errors
            </h3>
            {run.errors.length === 0 ? (
              <p className="cs-small muted">No errors.</p>
            ) : (
              <ul className="hist-error-list" data-testid="run-errors">
                {run.errors.map((e, i) => (
                  <li key={i}>
                    <Badge tone="danger">{ERROR_KIND_LABELS[e.kind] ?? e.kind}</Badge>
                    <span>{e.message}</span>
                    <time className="cs-small muted" dateTime={e.at}>
                      {formatClockSeconds(e.at, timeZone)}
                    </time>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby="hist-detail-activity">
            <h3 id="hist-detail-activity" className="hist-detail-heading">
              Activity
            </h3>
            {detail.activity.length === 0 ? (
              <p className="cs-small muted">
                {activityDays !== null && activityRemoved(run.startedAt, now, activityDays)
                  ? `The activity log keeps the last ${formatCount(activityDays)} days (Settings › History kept), so this run’s lines were removed.`
                  : 'No activity was recorded for this run.'}
              </p>
            ) : (
              <ol className="hist-activity" tabIndex={0} aria-label="Activity of this run" data-testid="run-activity">
                {detail.activity.map((line) => (
                  <li key={line.id} className={`level-${line.level}`}>
                    <time dateTime={line.at}>{formatClockSeconds(line.at, timeZone)}</time>
                    <span className="hist-activity-level">{LEVEL_LABELS[line.level] ?? line.level}</span>
                    <span>{line.message}</span>
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>
      )}
    </Dialog>
  );
}
