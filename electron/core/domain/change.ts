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
> & {
  /** Why it was cancelled, as the source gave it; absent from changes recorded before it was kept. */
  cancellationReason?: string | null;
};

/**
 * The most changes one `changes:setDone` marks: a full page of the work-list, or a browser's old ticks.
 * Here rather than beside the channel's schema, so the renderer can read it without bundling zod.
 */
export const MAX_DONE_IDS = 2000;

/** A change ticked off on the Changes work-list: when, and on which computer. */
export interface DoneMark {
  at: string;
  by: string;
}

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
  /** When staff marked it done on the Changes work-list; null while it is still to do. */
  doneAt: string | null;
  /** The computer it was marked done on. */
  doneBy: string | null;
}

/** Each kind of change in the words staff read it (console, CLI, exports). */
export const CHANGE_KIND_LABELS: Record<ChangeKind, string> = {
  new: 'New',
  rescheduled: 'Rescheduled',
  practitioner_changed: 'Practitioner changed',
  cancelled: 'Cancelled',
  no_show: 'No-show',
  telehealth_changed: 'Telehealth link changed',
  removed: 'Deleted at source',
};
