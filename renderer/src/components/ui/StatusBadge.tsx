import type { AppointmentStatus, SourceHealth, SyncRunStatus } from '@contract';
import { APPOINTMENT_STATUS, RUN_STATUS, SOURCE_HEALTH } from '../../lib/status';
import { Badge } from './Badge';

/** "Confirmed", "No-show"… in the tone every page uses for that status. */
export function AppointmentStatusBadge({ status }: { status: AppointmentStatus }) {
  const { label, tone } = APPOINTMENT_STATUS[status];
  return (
    <Badge tone={tone} dot>
      {label}
    </Badge>
  );
}

/** "Completed", "Partly synced", "Failed"… for a sync run. */
export function RunStatusBadge({ status }: { status: SyncRunStatus }) {
  const { label, tone } = RUN_STATUS[status];
  return (
    <Badge tone={tone} dot>
      {label}
    </Badge>
  );
}

/** "Healthy", "Needs attention", "Failing"… for a source. */
export function SourceHealthBadge({ health }: { health: SourceHealth }) {
  const { label, tone } = SOURCE_HEALTH[health];
  return (
    <Badge tone={tone} dot>
      {label}
    </Badge>
  );
}
