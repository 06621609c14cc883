import type { SyncRunStats } from '../../store/history-store';
import { Card } from '../ui';
import { formatWhen } from '../../lib/clinic-time';
import { formatCount, formatDuration, formatRelative } from '../../lib/format';
import { formatRate } from './health';

interface Props {
  stats: SyncRunStats;
  timeZone: string;
  now: Date;
}

function Tile({ label, value, detail, tone }: { label: string; value: string; detail?: string; tone?: 'ok' | 'warn' | 'danger' }) {
  return (
    <div className={`hist-tile${tone ? ` tone-${tone}` : ''}`}>
      <dt>{label}</dt>
      <dd>
        <span className="hist-tile-value">{value}</span>
        {detail && <span className="hist-tile-detail">{detail}</span>}
      </dd>
    </div>
  );
}

/** Success rate over 7 days, last success, average duration, failures in the last 24 hours. */
export function HealthSummary({ stats, timeZone, now }: Props) {
  const rate = stats.successRate7d;
  const rateTone = rate === null ? undefined : rate >= 0.95 ? 'ok' : rate >= 0.8 ? 'warn' : 'danger';
  const lastAgeH = stats.lastSuccessAt ? (now.getTime() - Date.parse(stats.lastSuccessAt)) / 3_600_000 : null;
  return (
    <Card className="hist-health" aria-labelledby="hist-health-title">
      <h2 id="hist-health-title" className="sr-only">
        Sync health
      </h2>
      <dl className="hist-tiles" data-testid="history-health">
        <Tile
          label="Success rate, last 7 days"
          value={formatRate(rate)}
          detail={
            rate === null
              ? 'No finished syncs this week'
              : `${formatCount(stats.succeeded)} succeeded · ${formatCount(stats.failed)} failed (all time)`
          }
          tone={rateTone}
        />
        <Tile
          label="Last successful sync"
          value={stats.lastSuccessAt ? formatRelative(stats.lastSuccessAt, now, timeZone) : 'Never'}
          detail={stats.lastSuccessAt ? formatWhen(stats.lastSuccessAt, now, timeZone) : 'Run a sync to get started'}
          tone={lastAgeH === null ? undefined : lastAgeH > 48 ? 'danger' : lastAgeH > 26 ? 'warn' : 'ok'}
        />
        <Tile label="Average duration" value={formatDuration(stats.averageDurationMs)} detail="Of successful syncs" />
        <Tile
          label="Failures, last 24 hours"
          value={formatCount(stats.failuresLast24h)}
          detail={stats.failuresLast24h === 0 ? 'None' : 'See the failed runs below'}
          tone={stats.failuresLast24h === 0 ? 'ok' : stats.failuresLast24h > 2 ? 'danger' : 'warn'}
        />
      </dl>
    </Card>
  );
}
