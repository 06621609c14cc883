import { APPOINTMENT_STATUS_LABELS, CHANGE_KIND_LABELS, type AppointmentStatus, type ChangeKind } from '../domain';

/** "Confirmed", "No-show"… */
export function statusLabel(status: AppointmentStatus): string {
  return APPOINTMENT_STATUS_LABELS[status];
}

/** "Rescheduled, Practitioner changed" */
export function describeChanges(kinds: readonly ChangeKind[]): string {
  return kinds.map((kind) => CHANGE_KIND_LABELS[kind]).join(', ');
}
