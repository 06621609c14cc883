// The Cliniko emulator's internal records: compact, with instants as epoch ms. The API shapes are
// produced from these by serialize.ts.

export type PhoneType = 'Mobile' | 'Home' | 'Work' | 'Fax' | 'Other';

export interface PhoneNumber {
  phone_type: PhoneType;
  number: string;
}

/** The patient fields a client can write, named exactly as the API names them. */
export interface PatientFields {
  first_name: string;
  last_name: string;
  preferred_first_name: string | null;
  title: string | null;
  email: string | null;
  date_of_birth: string | null;
  sex: string | null;
  gender_identity: string | null;
  patient_phone_numbers: PhoneNumber[];
  address_1: string | null;
  address_2: string | null;
  city: string | null;
  state: string | null;
  post_code: string | null;
  country_code: string | null;
  occupation: string | null;
  emergency_contact: string | null;
  referral_source: string | null;
  notes: string | null;
  accepted_privacy_policy: boolean | null;
  reminder_type: string;
  time_zone: string | null;
  old_reference_id: string | null;
}

interface Lifecycle {
  id: string;
  createdAt: number;
  updatedAt: number;
}

export interface PatientRow extends Lifecycle {
  fields: PatientFields;
  archivedAt: number | null;
  /** Hard-deleted: gone from the API, kept here as ground truth. */
  deletedAt: number | null;
}

/** Every individual appointment has exactly one attendee, which carries the patient's video link. */
export interface AttendeeRow extends Lifecycle {
  /** The random part of the patient's telehealth link. */
  token: string;
}

export interface AppointmentRow extends Lifecycle {
  patientId: string;
  practitionerId: string;
  appointmentTypeId: string;
  businessId: string;
  startsAt: number;
  endsAt: number;
  notes: string | null;
  cancelledAt: number | null;
  cancellationReason: number | null;
  cancellationNote: string | null;
  didNotArrive: boolean;
  patientArrived: boolean;
  archivedAt: number | null;
  deletedAt: number | null;
  attendee: AttendeeRow;
}

export interface PractitionerRow extends Lifecycle {
  userId: string;
  firstName: string;
  lastName: string;
  title: string | null;
  designation: string;
  active: boolean;
  showInOnlineBookings: boolean;
}

export interface AppointmentTypeRow extends Lifecycle {
  name: string;
  category: string;
  color: string;
  durationMinutes: number;
  telehealthEnabled: boolean;
  showInOnlineBookings: boolean;
  archivedAt: number | null;
}

export interface BusinessRow extends Lifecycle {
  name: string;
  address1: string;
  city: string;
  state: string;
  postCode: string;
  timeZoneIdentifier: string;
  appointmentTypeIds: string[];
  archivedAt: number | null;
}

export interface UserRow extends Lifecycle {
  firstName: string;
  lastName: string;
  email: string;
  role: string;
}
