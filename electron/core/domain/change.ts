import type { Appointment } from './appointment';

/** The meaningful appointment changes staff act on; anything else is noise. */
export const CHANGE_KINDS = [
  'new',
  'rescheduled',
  'practitioner_changed',
  'cancelled',
  'no_show',
  'telehealth_changed',
  'removed',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** The fields a change row snapshots before and after. */
export type AppointmentSnapshot = Pick<
  Appointment,
  'startsAt' | 'endsAt' | 'status' | 'practitionerExternalId' | 'practitionerName' | 'telehealthUrl' | 'deleted'
>;

export interface AppointmentChange {
  id: number;
  source: string;
  appointmentExternalId: string;
  patientExternalId: string | null;
  kind: ChangeKind;
  before: AppointmentSnapshot | null;
  after: AppointmentSnapshot | null;
  detectedAt: string;
  runId: number | null;
}

/** Each kind of change in the words staff read it (console, CLI, exports). */
export const CHANGE_KIND_LABELS: Record<ChangeKind, string> = {
  new: 'New',
  rescheduled: 'Rescheduled',
  practitioner_changed: 'Practitioner changed',
  cancelled: 'Cancelled',
  no_show: 'No-show',
  telehealth_changed: 'Telehealth link changed',
  removed: 'Removed upstream',
};
