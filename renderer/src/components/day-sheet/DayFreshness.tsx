import type { DayFreshness as SourceFreshness, SyncProgressView } from '@contract';
import { AlertTriangle, CheckCircle2, CircleDashed, Clock, RefreshCw } from 'lucide-react';
import { formatWhen } from '../../lib/clinic-time';
import { freshnessOf, type FreshnessLevel, type FreshnessSchedule } from '../../lib/freshness';
import { progressSummary, runPercent } from '../../lib/progress';
import { Alert, Button, ProgressBar } from '../ui';

const ICONS: Record<FreshnessLevel, typeof Clock> = {
  fresh: CheckCircle2,
  aging: Clock,
  stale: AlertTriangle,
  never: CircleDashed,
  syncing: RefreshCw,
};

/**
 * How fresh the day on screen is, per source (the last sync that covered the whole day), and its own
 * "Refresh this day" with the progress of each source's refresh.
 */
export function DayFreshnessBar({
  freshness,
  schedule,
  timeZone,
  now,
  progress,
  refreshing,
  message,
  onRefresh,
}: {
  freshness: SourceFreshness[];
  schedule: FreshnessSchedule | null;
  timeZone: string;
  now: Date;
  progress: SyncProgressView[];
  refreshing: boolean;
  message: { tone: 'ok' | 'warn' | 'danger'; text: string } | null;
  onRefresh: () => void;
}) {
  return (
    <section className="day-freshness" aria-label="How fresh this day is" data-testid="day-freshness">
      <ul className="day-freshness-list">
        {freshness.map((f) => {
          const level = freshnessOf({ lastSuccessAt: f.asOf, syncing: f.syncing, now, schedule });
          const Icon = ICONS[level.level];
          return (
            <li key={f.source} className={`day-fresh level-${level.level}`}>
              <Icon size={14} aria-hidden="true" />
              <span>
                {freshness.length > 1 && <strong>{f.sourceName}: </strong>}
                {f.asOf ? `This day as of ${formatWhen(f.asOf, now, timeZone)}` : 'This day has not been synced yet'}
                <span className="day-fresh-label"> · {level.label}</span>
              </span>
            </li>
          );
        })}
      </ul>
      <div className="day-refresh">
        {progress.map((p) => (
          <div key={p.runId} className="day-refresh-progress">
            <ProgressBar size="sm" value={runPercent(p)} label="Refreshing this day" valueText={progressSummary(p)} />
          </div>
        ))}
        <Button
          variant="secondary"
          size="sm"
          icon={<RefreshCw size={14} aria-hidden="true" />}
          busy={refreshing}
          onClick={onRefresh}
          data-testid="refresh-day"
        >
          {refreshing ? 'Refreshing this day…' : 'Refresh this day'}
        </Button>
      </div>
      {message && (
        <Alert className="day-refresh-message" tone={message.tone}>
          {message.text}
        </Alert>
      )}
    </section>
  );
}
