import { APPOINTMENT_STATUS_LABELS as LABEL, type AppointmentStatus, type SourceHealth, type SyncRunStatus } from '@contract';
import type { Tone } from '../components/ui/Badge';

/** Every status the console shows, with its words and its tone. Colour always travels with the words. */

export const APPOINTMENT_STATUS: Record<AppointmentStatus, { label: string; tone: Tone }> = {
  booked: { label: LABEL.booked, tone: 'info' },
  confirmed: { label: LABEL.confirmed, tone: 'ok' },
  pending: { label: LABEL.pending, tone: 'warn' },
  arrived: { label: LABEL.arrived, tone: 'ok' },
  no_show: { label: LABEL.no_show, tone: 'danger' },
  cancelled: { label: LABEL.cancelled, tone: 'danger' },
  declined: { label: LABEL.declined, tone: 'danger' },
};

export const RUN_STATUS: Record<SyncRunStatus, { label: string; tone: Tone }> = {
  queued: { label: 'Queued', tone: 'neutral' },
  running: { label: 'Running', tone: 'info' },
  completed: { label: 'Completed', tone: 'ok' },
  partial_success: { label: 'Partly synced', tone: 'warn' },
  failed: { label: 'Failed', tone: 'danger' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
  deferred: { label: 'Waiting to continue', tone: 'warn' },
  abandoned: { label: 'Interrupted', tone: 'danger' },
};

export const SOURCE_HEALTH: Record<SourceHealth, { label: string; tone: Tone }> = {
  never_synced: { label: 'Never synced', tone: 'neutral' },
  healthy: { label: 'Healthy', tone: 'ok' },
  warning: { label: 'Needs attention', tone: 'warn' },
  failing: { label: 'Failing', tone: 'danger' },
  syncing: { label: 'Syncing', tone: 'info' },
};

export const SOURCE_KIND_LABEL: Record<string, string> = { cliniko: 'Cliniko', intakeq: 'IntakeQ' };

export function sourceKindLabel(kind: string): string {
  return SOURCE_KIND_LABEL[kind] ?? kind;
}
