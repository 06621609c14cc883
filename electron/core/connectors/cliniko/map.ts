import type { AppointmentStatus, Practitioner, RemoteAppointment, RemotePatient } from '../../domain';
import type { RecordReader } from '../mapping/read-records';
import {
  clinikoAppointmentSchema,
  clinikoAppointmentTypeSchema,
  clinikoBusinessSchema,
  clinikoPatientSchema,
  clinikoPractitionerSchema,
  type ClinikoAppointment,
  type ClinikoPatient,
} from './schemas';

/** What an appointment row only links to, looked up once per run. */
export interface ClinikoReference {
  practitionerNames: ReadonlyMap<string, string>;
  appointmentTypes: ReadonlyMap<string, { name: string | null; telehealthEnabled: boolean }>;
  businessNames: ReadonlyMap<string, string>;
  /** Ids of reference records that could not be read: appointments linking to them are skipped, not blanked. */
  unreadableIds?: ReadonlySet<string>;
}

function joinName(...parts: (string | null)[]): string | null {
  const name = parts.filter((part): part is string => part !== null && part.trim() !== '').join(' ');
  return name === '' ? null : name;
}

/** Cliniko's status fields in the order ARCHITECTURE.md gives them: a cancellation beats everything. */
export function clinikoStatus(
  appointment: Pick<ClinikoAppointment, 'cancelled_at' | 'did_not_arrive' | 'patient_arrived'>,
): AppointmentStatus {
  if (appointment.cancelled_at !== null) return 'cancelled';
  if (appointment.did_not_arrive === true) return 'no_show';
  if (appointment.patient_arrived === true) return 'arrived';
  return 'booked';
}

function preferredPhone(numbers: ClinikoPatient['patient_phone_numbers']): string | null {
  const usable = (numbers ?? []).filter((phone) => phone.number !== null && phone.number.trim() !== '');
  const mobile = usable.find((phone) => phone.phone_type?.toLowerCase() === 'mobile');
  return (mobile ?? usable[0])?.number ?? null;
}

export function patientReader(source: string): RecordReader<typeof clinikoPatientSchema, RemotePatient> {
  return {
    label: 'Cliniko patient',
    schema: clinikoPatientSchema,
    idField: 'id',
    deletedField: 'deleted_at',
    updatedAt: (patient) => patient.remoteUpdatedAt,
    toDomain: (patient) => ({
      source,
      externalId: patient.id,
      firstName: patient.first_name ?? '',
      lastName: patient.last_name ?? '',
      email: patient.email,
      phone: preferredPhone(patient.patient_phone_numbers),
      dateOfBirth: patient.date_of_birth,
      archived: patient.archived_at !== null,
      // Deleted ones arrive as stubs, read as deletions before this (deletedField).
      deleted: false,
      remoteUpdatedAt: patient.updated_at,
    }),
  };
}

/** `listedActive` says which listing the row came from (/practitioners or /practitioners/inactive). */
export function practitionerReader(source: string, listedActive: boolean): RecordReader<typeof clinikoPractitionerSchema, Practitioner> {
  return {
    label: 'Cliniko practitioner',
    schema: clinikoPractitionerSchema,
    idField: 'id',
    updatedAt: (practitioner) => practitioner.remoteUpdatedAt,
    toDomain: (practitioner) => ({
      source,
      externalId: practitioner.id,
      displayName:
        practitioner.display_name ??
        joinName(practitioner.first_name, practitioner.last_name) ??
        practitioner.label ??
        `Practitioner ${practitioner.id}`,
      email: null,
      active: practitioner.active ?? listedActive,
      remoteUpdatedAt: practitioner.updated_at,
    }),
  };
}

export const appointmentTypeReader: RecordReader<
  typeof clinikoAppointmentTypeSchema,
  { id: string; name: string | null; telehealthEnabled: boolean }
> = {
  label: 'Cliniko appointment type',
  schema: clinikoAppointmentTypeSchema,
  idField: 'id',
  updatedAt: () => null,
  toDomain: (type) => ({ id: type.id, name: type.name, telehealthEnabled: type.telehealth_enabled === true }),
};

export const businessReader: RecordReader<typeof clinikoBusinessSchema, { id: string; name: string | null }> = {
  label: 'Cliniko business',
  schema: clinikoBusinessSchema,
  idField: 'id',
  updatedAt: () => null,
  toDomain: (business) => ({ id: business.id, name: business.display_name ?? business.business_name ?? business.label }),
};

/**
 * `telehealth_url` is the practitioner's join link and Cliniko fills it even when telehealth is off,
 * so it is kept only when the appointment type has telehealth enabled. Archived rows are `deleted`:
 * they no longer happen. Hard-deleted ones are stubs (id, deleted_at, links), read as deletions.
 */
export function appointmentReader(
  source: string,
  reference: ClinikoReference,
): RecordReader<typeof clinikoAppointmentSchema, RemoteAppointment> {
  return {
    label: 'Cliniko appointment',
    schema: clinikoAppointmentSchema,
    idField: 'id',
    deletedField: 'deleted_at',
    updatedAt: (appointment) => appointment.remoteUpdatedAt,
    unreadableLinks: (appointment) =>
      (['appointment_type', 'business', 'practitioner'] as const).filter((field) => {
        const id = appointment[field];
        return id !== null && reference.unreadableIds?.has(id) === true;
      }),
    toDomain: (appointment) => {
      const type = appointment.appointment_type === null ? undefined : reference.appointmentTypes.get(appointment.appointment_type);
      const cancelled = appointment.cancelled_at !== null;
      return {
        source,
        externalId: appointment.id,
        patientExternalId: appointment.patient,
        practitionerExternalId: appointment.practitioner,
        practitionerName: appointment.practitioner === null ? null : (reference.practitionerNames.get(appointment.practitioner) ?? null),
        serviceName: type?.name ?? null,
        locationName: appointment.business === null ? null : (reference.businessNames.get(appointment.business) ?? null),
        startsAt: appointment.starts_at,
        endsAt: appointment.ends_at,
        status: clinikoStatus(appointment),
        cancelledAt: appointment.cancelled_at,
        cancellationReason: cancelled ? (appointment.cancellation_reason_description ?? appointment.cancellation_note) : null,
        telehealthUrl: type?.telehealthEnabled ? appointment.telehealth_url : null,
        deleted: appointment.archived_at !== null,
        remoteUpdatedAt: appointment.updated_at,
      };
    },
  };
}
