import { memo } from 'react';
import { Clock, X } from 'lucide-react';
import type { SyncProgressView } from '@contract';
import { Button, ProgressBar } from '../ui';
import { formatClock, formatCount } from '../../lib/format';
import { progressText } from './format';

interface Props {
  progress: SyncProgressView;
  sourceName: string;
  timeZone: string;
  cancelling: boolean;
  onCancel(source: string): void;
}

/**
 * One syncing source: a fixed-height row whose text sits in fixed-width, tabular cells, so nothing
 * moves as the numbers change ten times a second.
 */
export const ProgressRow = memo(function ProgressRow({ progress, sourceName, timeZone, cancelling, onCancel }: Props) {
  const text = progressText(progress, (iso) => formatClock(iso, timeZone));
  const waiting = progress.waitingUntil !== null;
  const starting = progress.steps === 0;
  return (
    <li className={`sync-progress${waiting ? ' is-waiting' : ''}`} data-source={progress.source} data-testid="sync-progress-row">
      <div className="sync-progress-top">
        <span className="sync-progress-title" title={sourceName}>
          <span className="sync-progress-source">{sourceName}</span>
          <span className="sync-progress-phase" data-testid="sync-phase">
            {starting ? 'Starting…' : text.phase}
          </span>
        </span>
        <span className="sync-progress-step muted">{text.step}</span>
        <Button
          variant="quiet"
          size="sm"
          className="sync-progress-cancel"
          icon={<X size={14} aria-hidden="true" />}
          onClick={() => onCancel(progress.source)}
          busy={cancelling}
          aria-label={`Cancel the sync of ${sourceName}`}
        >
          {cancelling ? 'Cancelling' : 'Cancel'}
        </Button>
      </div>
      <div className="sync-progress-bar">
        <ProgressBar
          value={starting ? null : progress.percent}
          label={`Sync progress for ${sourceName}`}
          valueText={starting ? 'Starting' : text.valueText}
          tone={waiting ? 'warn' : 'accent'}
        />
        <span className="sync-progress-percent" data-testid="sync-percent">
          {text.percent}
        </span>
      </div>
      <div className="sync-progress-bottom">
        <span className="sync-progress-records" data-testid="sync-records">
          {text.records}
        </span>
        <span className={`sync-progress-eta${waiting ? ' is-waiting' : ''}`} data-testid="sync-eta">
          {waiting && <Clock size={12} aria-hidden="true" />}
          {text.eta}
        </span>
        <span className="sync-progress-requests muted">{progress.requests > 0 ? `${formatCount(progress.requests)} requests` : ''}</span>
      </div>
    </li>
  );
});
