import { Pause, Play } from 'lucide-react';
import './scheduler.css';
import { useNow } from '../../hooks/use-now';
import { RUN_STATUS } from '../../lib/status';
import { useScheduleStore, useSettingsStore } from '../../store/instances';
import { clinicTimeZone } from '../../store/settings-store';
import { Badge, Button } from '../ui';
import { schedulerWords } from './schedule-words';

/**
 * The scheduler at a glance: on or paused, what it does and its next run (the service's own
 * description), anything waiting, and pause/resume. The Sync page and Settings → Schedule both show this one component.
 */
export function SchedulerState({ showLastRun = false }: { showLastRun?: boolean }) {
  const status = useScheduleStore((s) => s.status);
  const pausing = useScheduleStore((s) => s.pausing);
  const error = useScheduleStore((s) => s.error);
  const setPaused = useScheduleStore((s) => s.setPaused);
  const timeZone = useSettingsStore(clinicTimeZone);
  const now = useNow();
  if (!status) return null;
  const words = schedulerWords(status, now, timeZone);
  return (
    <div className="scheduler-state" data-testid="schedule-status">
      <div className="scheduler-state-text">
        <p className="scheduler-state-head">
          <Badge tone={words.tone} dot>
            {words.state}
          </Badge>
          <span>{status.description}</span>
        </p>
        {words.pending.map((line) => (
          <p key={line} className="muted">
            {line}.
          </p>
        ))}
        {showLastRun && status.lastRun && <p className="muted">Last run: {RUN_STATUS[status.lastRun.status].label.toLowerCase()}.</p>}
        {error && (
          <p role="alert" className="scheduler-state-error">
            {error}
          </p>
        )}
      </div>
      <Button
        icon={status.paused ? <Play size={16} aria-hidden="true" /> : <Pause size={16} aria-hidden="true" />}
        busy={pausing}
        onClick={() => void setPaused(!status.paused)}
      >
        {status.paused ? 'Resume schedule' : 'Pause schedule'}
      </Button>
    </div>
  );
}
