import { CANCELLATION_REASONS } from '../shared/catalog';
import { DAY_MS, isoSeconds } from '../shared/time';
import type {
  ClinikoAppointment,
  ClinikoAppointmentType,
  ClinikoAttendee,
  ClinikoBusiness,
  ClinikoDeletedRecord,
  ClinikoPatient,
  ClinikoPractitioner,
  ClinikoUser,
} from './api-types';
import type { AppointmentRow, AppointmentTypeRow, BusinessRow, PatientRow, PractitionerRow, UserRow } from './model';
import type { ClinikoStore } from './store';

const iso = (ms: number | null): string | null => (ms === null ? null : isoSeconds(ms));

/**
 * Turns records into Cliniko's API shapes. Links always point at the real shard host
 * (https://api.au1.cliniko.com/v1/…), as the API does, so clients must parse ids out of them.
 */
export class ClinikoSerializer {
  constructor(
    private readonly store: ClinikoStore,
    /** e.g. https://api.au1.cliniko.com/v1 */
    readonly apiBase: string,
    private readonly nowMs: () => number,
  ) {}

  link(path: string): { links: { self: string } } {
    return { links: { self: `${this.apiBase}/${path}` } };
  }

  /** A link to a filtered list, e.g. attendees?q[]=patient_id:=123. */
  private filteredLink(resource: string, filter: string): { links: { self: string } } {
    return this.link(`${resource}?${new URLSearchParams([['q[]', filter]]).toString()}`);
  }

  /**
   * What the API serves for a hard-deleted record (spec §8.1, §8.3): only `id`, `deleted_at` and
   * `links`, wherever it is listed or fetched. `resource` is the path it lives under.
   */
  deleted(resource: string, id: string, deletedAt: number): ClinikoDeletedRecord {
    return { id, deleted_at: isoSeconds(deletedAt), links: { self: `${this.apiBase}/${resource}/${id}` } };
  }

  patient(row: PatientRow): ClinikoPatient {
    const f = row.fields;
    return {
      id: row.id,
      ...f,
      patient_phone_numbers: f.patient_phone_numbers.map((p) => ({ ...p, normalized_number: normalizedAustralianNumber(p.number) })),
      label: `${f.first_name} ${f.last_name}`,
      gender: null,
      pronouns: null,
      address_3: null,
      country: null,
      medicare: null,
      medicare_reference_number: null,
      dva_card_number: null,
      appointment_notes: null,
      invoice_default_to: null,
      invoice_email: null,
      invoice_extra_information: null,
      accepted_email_marketing: null,
      accepted_sms_marketing: null,
      receives_confirmation_emails: true,
      receives_cancellation_emails: true,
      custom_fields: null,
      created_at: isoSeconds(row.createdAt),
      updated_at: isoSeconds(row.updatedAt),
      archived_at: iso(row.archivedAt),
      deleted_at: iso(row.deletedAt),
      merged_at: null,
      appointments: this.link(`patients/${row.id}/appointments`),
      attendees: this.filteredLink('attendees', `patient_id:=${row.id}`),
      invoices: this.link(`patients/${row.id}/invoices`),
      medical_alerts: this.link(`patients/${row.id}/medical_alerts`),
      patient_attachments: this.link(`patients/${row.id}/attachments`),
      relationships: this.link(`patients/${row.id}/relationships`),
      links: { self: `${this.apiBase}/patients/${row.id}` },
    };
  }

  appointment(row: AppointmentRow): ClinikoAppointment {
    const patient = this.store.patient(row.patientId);
    const remindersDue = row.startsAt - DAY_MS <= this.nowMs() && (row.cancelledAt === null || row.cancelledAt > row.startsAt - DAY_MS);
    return {
      id: row.id,
      starts_at: isoSeconds(row.startsAt),
      ends_at: isoSeconds(row.endsAt),
      created_at: isoSeconds(row.createdAt),
      updated_at: isoSeconds(row.updatedAt),
      archived_at: iso(row.archivedAt),
      deleted_at: iso(row.deletedAt),
      ...this.cancellation(row),
      did_not_arrive: row.didNotArrive,
      patient_arrived: row.patientArrived,
      notes: row.notes,
      patient_name: patient ? `${patient.fields.first_name} ${patient.fields.last_name}` : null,
      has_patient_appointment_notes: false,
      booking_ip_address: null,
      online_booking_policy_accepted: null,
      email_reminder_sent: remindersDue,
      sms_reminder_sent: remindersDue,
      invoice_status: row.patientArrived ? 20 : null,
      treatment_note_status: row.patientArrived ? 90 : null,
      repeat_rule: {},
      repeated_from: null,
      repeats: this.filteredLink('individual_appointments', `repeated_from_id:=${row.id}`),
      telehealth_url: `${this.store.webBase}/appointments/${row.id}/connect`,
      patient: this.link(`patients/${row.patientId}`),
      practitioner: this.link(`practitioners/${row.practitionerId}`),
      appointment_type: this.link(`appointment_types/${row.appointmentTypeId}`),
      business: this.link(`businesses/${row.businessId}`),
      patient_case: null,
      attendees: this.filteredLink('attendees', `booking_id:=${row.id}`),
      conflicts: this.link(`individual_appointments/${row.id}/conflicts`),
      links: { self: `${this.apiBase}/individual_appointments/${row.id}` },
    };
  }

  attendee(row: AppointmentRow): ClinikoAttendee {
    const attendee = row.attendee;
    return {
      id: attendee.id,
      arrived: row.patientArrived,
      ...this.cancellation(row),
      telehealth_url: `${this.store.webBase}/c/${attendee.token}`,
      invoice_status: row.patientArrived ? 20 : null,
      sent_email_count: 0,
      sent_sms_count: 0,
      created_at: isoSeconds(attendee.createdAt),
      updated_at: isoSeconds(attendee.updatedAt),
      archived_at: iso(row.archivedAt),
      deleted_at: iso(row.deletedAt),
      patient: this.link(`patients/${row.patientId}`),
      booking: this.link(`bookings/${row.id}`),
      patient_case: null,
      links: { self: `${this.apiBase}/attendees/${attendee.id}` },
    };
  }

  private cancellation(
    row: AppointmentRow,
  ): Pick<ClinikoAppointment, 'cancelled_at' | 'cancellation_reason' | 'cancellation_reason_description' | 'cancellation_note'> {
    const reason = CANCELLATION_REASONS.find((r) => r.code === row.cancellationReason);
    return {
      cancelled_at: iso(row.cancelledAt),
      cancellation_reason: row.cancellationReason,
      cancellation_reason_description: reason?.label ?? '',
      cancellation_note: row.cancellationNote,
    };
  }

  practitioner(row: PractitionerRow): ClinikoPractitioner {
    const name = `${row.firstName} ${row.lastName}`;
    return {
      id: row.id,
      first_name: row.firstName,
      last_name: row.lastName,
      title: row.title,
      designation: row.designation,
      description: null,
      display_name: row.title ? `${row.title} ${name}` : name,
      label: name,
      active: row.active,
      show_in_online_bookings: row.showInOnlineBookings,
      created_at: isoSeconds(row.createdAt),
      updated_at: isoSeconds(row.updatedAt),
      user: this.link(`users/${row.userId}`),
      default_appointment_type: null,
      appointment_types: this.link(`practitioners/${row.id}/appointment_types`),
      appointments: this.link(`practitioners/${row.id}/appointments`),
      invoices: this.link(`practitioners/${row.id}/invoices`),
      practitioner_reference_numbers: this.link(`practitioners/${row.id}/practitioner_reference_numbers`),
      links: { self: `${this.apiBase}/practitioners/${row.id}` },
    };
  }

  appointmentType(row: AppointmentTypeRow): ClinikoAppointmentType {
    return {
      id: row.id,
      name: row.name,
      category: row.category,
      description: null,
      color: row.color,
      duration_in_minutes: row.durationMinutes,
      max_attendees: 1,
      show_in_online_bookings: row.showInOnlineBookings,
      online_bookings_lead_time_hours: 2,
      telehealth_enabled: row.telehealthEnabled,
      online_payments_enabled: false,
      online_payments_mode: 'optional',
      deposit_price: null,
      add_deposit_to_account_credit: false,
      appointment_confirmation_template_ids: [],
      appointment_reminder_template_ids: [],
      appointment_follow_up_template_ids: [],
      archived_at: iso(row.archivedAt),
      created_at: isoSeconds(row.createdAt),
      updated_at: isoSeconds(row.updatedAt),
      practitioners: this.link(`appointment_types/${row.id}/practitioners`),
      treatment_note_template: null,
      links: { self: `${this.apiBase}/appointment_types/${row.id}` },
    };
  }

  business(row: BusinessRow): ClinikoBusiness {
    return {
      id: row.id,
      business_name: row.name,
      display_name: row.name,
      label: row.name,
      address_1: row.address1,
      address_2: null,
      city: row.city,
      state: row.state,
      post_code: row.postCode,
      country: 'Australia',
      country_code: 'AU',
      contact_information: null,
      email_reply_to: null,
      website_address: null,
      business_registration_name: 'ABN',
      business_registration_value: null,
      additional_information: null,
      additional_invoice_information: null,
      show_in_online_bookings: true,
      appointment_reminders_enabled: true,
      appointment_type_ids: row.appointmentTypeIds,
      time_zone: row.timeZoneIdentifier.split('/').pop()?.replace(/_/g, ' ') ?? row.timeZoneIdentifier,
      time_zone_identifier: row.timeZoneIdentifier,
      created_at: isoSeconds(row.createdAt),
      updated_at: isoSeconds(row.updatedAt),
      archived_at: iso(row.archivedAt),
      deleted_at: null,
      practitioners: this.link(`businesses/${row.id}/practitioners`),
      appointments: this.link(`businesses/${row.id}/appointments`),
      links: { self: `${this.apiBase}/businesses/${row.id}` },
    };
  }

  user(row: UserRow): ClinikoUser {
    return {
      id: row.id,
      first_name: row.firstName,
      last_name: row.lastName,
      email: row.email,
      role: row.role,
      active: true,
      time_zone: this.store.businesses[0]?.timeZoneIdentifier ?? null,
      created_at: isoSeconds(row.createdAt),
      updated_at: isoSeconds(row.updatedAt),
      links: { self: `${this.apiBase}/users/${row.id}` },
    };
  }
}

/** 0412 345 678 → +61412345678; numbers in other formats keep their digits. */
function normalizedAustralianNumber(number: string): string {
  const digits = number.replace(/\D/g, '');
  return digits.startsWith('0') ? `+61${digits.slice(1)}` : `+${digits}`;
}
