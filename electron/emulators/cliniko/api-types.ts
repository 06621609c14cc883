// The Cliniko API's record shapes as the emulator serves them (the fields tests and clients rely on;
// every record carries more).

export interface ClinikoLink {
  links: { self: string };
}

export interface ClinikoPhoneNumber {
  phone_type: string;
  number: string;
  normalized_number: string;
}

export interface ClinikoPatient {
  id: string;
  first_name: string;
  last_name: string;
  email: string | null;
  date_of_birth: string | null;
  patient_phone_numbers: ClinikoPhoneNumber[];
  created_at: string;
  updated_at: string;
  archived_at: string | null;
  deleted_at: string | null;
  links: { self: string };
  [field: string]: unknown;
}

export interface ClinikoAppointment {
  id: string;
  starts_at: string;
  ends_at: string;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
  deleted_at: string | null;
  cancelled_at: string | null;
  cancellation_reason: number | null;
  cancellation_reason_description: string;
  cancellation_note: string | null;
  did_not_arrive: boolean;
  patient_arrived: boolean;
  patient_name: string | null;
  telehealth_url: string;
  patient: ClinikoLink;
  practitioner: ClinikoLink;
  appointment_type: ClinikoLink;
  business: ClinikoLink;
  links: { self: string };
  [field: string]: unknown;
}

export interface ClinikoAttendee {
  id: string;
  telehealth_url: string;
  cancelled_at: string | null;
  updated_at: string;
  patient: ClinikoLink;
  booking: ClinikoLink;
  links: { self: string };
  [field: string]: unknown;
}

/** A hard-deleted record as the API keeps it (spec §8.1, §8.3): nothing but its id, the time and its link. */
export type ClinikoDeletedRecord = {
  id: string;
  deleted_at: string;
  links: { self: string };
};

export interface ClinikoPractitioner {
  id: string;
  first_name: string;
  last_name: string;
  display_name: string;
  active: boolean;
  links: { self: string };
  [field: string]: unknown;
}

export interface ClinikoAppointmentType {
  id: string;
  name: string;
  duration_in_minutes: number;
  telehealth_enabled: boolean;
  archived_at: string | null;
  links: { self: string };
  [field: string]: unknown;
}

export interface ClinikoBusiness {
  id: string;
  business_name: string;
  time_zone_identifier: string;
  links: { self: string };
  [field: string]: unknown;
}

export interface ClinikoUser {
  id: string;
  email: string;
  links: { self: string };
  [field: string]: unknown;
}
