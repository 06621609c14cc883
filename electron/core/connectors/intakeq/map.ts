import type { Practitioner, RemoteAppointment, RemotePatient } from '../../domain';
import type { RecordReader } from '../mapping/read-records';
import { intakeqAppointmentSchema, intakeqClientSchema, intakeqPractitionerSchema, type IntakeqClient } from './schemas';

function joinName(...parts: (string | null)[]): string | null {
  const name = parts.filter((part): part is string => part !== null && part.trim() !== '').join(' ');
  return name === '' ? null : name;
}

/**
 * The client's own join link. `StartUrl` starts the call as its host, so it is never used; the
 * client-facing link is the URL inside `Invitation`, the text IntakeQ shows the client.
 */
export function clientJoinUrl(invitation: string | null): string | null {
  const match = invitation === null ? null : /https?:\/\/[^\s<>"']+/i.exec(invitation);
  return match ? match[0].replace(/[).,;!?]+$/, '') : null;
}

function names(client: IntakeqClient): { firstName: string; lastName: string } {
  if (client.FirstName !== null || client.LastName !== null) return { firstName: client.FirstName ?? '', lastName: client.LastName ?? '' };
  const [first = '', ...rest] = (client.Name ?? '').trim().split(/\s+/);
  return { firstName: first, lastName: rest.join(' ') };
}

export function clientReader(source: string): RecordReader<typeof intakeqClientSchema, RemotePatient> {
  return {
    label: 'IntakeQ client',
    schema: intakeqClientSchema,
    idField: 'ClientId',
    updatedAt: (patient) => patient.remoteUpdatedAt,
    toDomain: (client) => ({
      source,
      externalId: client.ClientId,
      ...names(client),
      email: client.Email,
      phone: client.MobilePhone ?? client.Phone ?? client.HomePhone ?? client.WorkPhone,
      dateOfBirth: client.DateOfBirth,
      archived: client.Archived === true,
      deleted: false,
      remoteUpdatedAt: client.LastUpdateDate ?? client.LastModified,
    }),
  };
}

export function practitionerReader(source: string): RecordReader<typeof intakeqPractitionerSchema, Practitioner> {
  return {
    label: 'IntakeQ practitioner',
    schema: intakeqPractitionerSchema,
    idField: 'Id',
    updatedAt: () => null,
    toDomain: (practitioner) => ({
      source,
      externalId: practitioner.Id,
      displayName:
        practitioner.CompleteName ??
        joinName(practitioner.FirstName, practitioner.LastName) ??
        practitioner.Email ??
        `Practitioner ${practitioner.Id}`,
      email: practitioner.Email,
      active: practitioner.IsInactive !== true,
      remoteUpdatedAt: null,
    }),
  };
}

/** `deleted` marks rows from the `deletedOnly` listing. */
export function appointmentReader(source: string, deleted = false): RecordReader<typeof intakeqAppointmentSchema, RemoteAppointment> {
  return {
    label: 'IntakeQ appointment',
    schema: intakeqAppointmentSchema,
    idField: 'Id',
    updatedAt: (appointment) => appointment.remoteUpdatedAt,
    toDomain: (appointment) => {
      const cancelled = appointment.Status === 'cancelled';
      return {
        source,
        externalId: appointment.Id,
        patientExternalId: appointment.ClientId,
        practitionerExternalId: appointment.PractitionerId,
        practitionerName: appointment.PractitionerName,
        serviceName: appointment.ServiceName,
        locationName: appointment.LocationName,
        startsAt: appointment.startsAt,
        endsAt: appointment.endsAt,
        status: appointment.Status,
        cancelledAt: cancelled ? appointment.CancellationDate : null,
        cancellationReason: cancelled ? (appointment.FullCancellationReason ?? appointment.CancellationReasonNote) : null,
        telehealthUrl: clientJoinUrl(appointment.TelehealthInfo?.Invitation ?? null),
        deleted,
        remoteUpdatedAt: appointment.LastModified,
      };
    },
  };
}
