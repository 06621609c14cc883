import type { Field, FieldTable } from './filters';
import type { AppointmentRow, AppointmentTypeRow, BusinessRow, PatientRow, PractitionerRow } from './model';

// The filterable columns of each endpoint, as the OpenAPI spec lists them (spec §6.3). Filtering on
// anything else is a 400; the same columns can be sorted on.

const dt = <R>(get: (row: R) => number | null): Field<R> => ({ type: 'datetime', get });
const id = <R>(get: (row: R) => string | null): Field<R> => ({ type: 'id', get });
const str = <R>(get: (row: R) => string | null): Field<R> => ({ type: 'string', get });
const bool = <R>(get: (row: R) => boolean): Field<R> => ({ type: 'boolean', get });
const array = <R>(get: (row: R) => readonly string[]): Field<R> => ({ type: 'array', get });
const none = (): null => null;
const noTemplates = (): readonly string[] => [];

export const PATIENT_FIELDS: FieldTable<PatientRow> = {
  accepted_privacy_policy: { type: 'boolean', get: (r) => r.fields.accepted_privacy_policy },
  archived_at: dt((r) => r.archivedAt),
  created_at: dt((r) => r.createdAt),
  date_of_birth: { type: 'date', get: (r) => r.fields.date_of_birth },
  email: str((r) => r.fields.email),
  first_name: str((r) => r.fields.first_name),
  id: id((r) => r.id),
  last_name: str((r) => r.fields.last_name),
  old_reference_id: str((r) => r.fields.old_reference_id),
  preferred_first_name: str((r) => r.fields.preferred_first_name),
  updated_at: dt((r) => r.updatedAt),
};

export const APPOINTMENT_FIELDS: FieldTable<AppointmentRow> = {
  appointment_type_id: id((r) => r.appointmentTypeId),
  archived_at: dt((r) => r.archivedAt),
  business_id: id((r) => r.businessId),
  cancelled_at: dt((r) => r.cancelledAt),
  created_at: dt((r) => r.createdAt),
  deleted_at: dt((r) => r.deletedAt),
  did_not_arrive: bool((r) => r.didNotArrive),
  ends_at: dt((r) => r.endsAt),
  id: id((r) => r.id),
  patient_id: id((r) => r.patientId),
  practitioner_id: id((r) => r.practitionerId),
  repeated_from_id: id(none),
  starts_at: dt((r) => r.startsAt),
  updated_at: dt((r) => r.updatedAt),
};

/** Attendees are read from their appointment: both the booking and the appointment id name it. */
export const ATTENDEE_FIELDS: FieldTable<AppointmentRow> = {
  appointment_id: id((r) => r.id),
  archived_at: dt((r) => r.archivedAt),
  booking_id: id((r) => r.id),
  cancelled_at: dt((r) => r.cancelledAt),
  created_at: dt((r) => r.attendee.createdAt),
  deleted_at: dt((r) => r.deletedAt),
  id: id((r) => r.attendee.id),
  patient_case_id: id(none),
  patient_id: id((r) => r.patientId),
  updated_at: dt((r) => r.attendee.updatedAt),
};

export const PRACTITIONER_FIELDS: FieldTable<PractitionerRow> = {
  active: bool((r) => r.active),
  created_at: dt((r) => r.createdAt),
  id: id((r) => r.id),
  show_in_online_bookings: bool((r) => r.showInOnlineBookings),
  updated_at: dt((r) => r.updatedAt),
  user_id: id((r) => r.userId),
};

export const BUSINESS_FIELDS: FieldTable<BusinessRow> = {
  appointment_type_ids: array((r) => r.appointmentTypeIds),
  archived_at: dt((r) => r.archivedAt),
  created_at: dt((r) => r.createdAt),
  deleted_at: dt(none),
  id: id((r) => r.id),
  show_in_online_bookings: bool(() => true),
  updated_at: dt((r) => r.updatedAt),
};

export const APPOINTMENT_TYPE_FIELDS: FieldTable<AppointmentTypeRow> = {
  appointment_confirmation_template_ids: array(noTemplates),
  appointment_follow_up_template_ids: array(noTemplates),
  appointment_reminder_template_ids: array(noTemplates),
  archived_at: dt((r) => r.archivedAt),
  category: str((r) => r.category),
  created_at: dt((r) => r.createdAt),
  id: id((r) => r.id),
  online_payments_mode: str(() => 'optional'),
  show_in_online_bookings: bool((r) => r.showInOnlineBookings),
  updated_at: dt((r) => r.updatedAt),
};

/** The filters a GET by id accepts: only those that reveal hidden rows. */
export function onlyFields<R>(table: FieldTable<R>, names: readonly string[]): FieldTable<R> {
  return Object.fromEntries(names.flatMap((name) => (table[name] ? [[name, table[name]]] : [])));
}
