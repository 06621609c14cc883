/**
 * Ground truth from the emulators' state API (`GET /__emulator/state`), mapped to the domain's field
 * names here — written from the specs and ARCHITECTURE.md, not imported from the connectors, so a
 * misreading shared by connector and test cannot hide.
 */
import type { RemoteAppointment, RemotePatient, AppointmentStatus } from '../../../../electron/core/domain';
import type {
  ClinikoAppointment,
  ClinikoAppointmentType,
  ClinikoBusiness,
  ClinikoPatient,
  ClinikoPractitioner,
  IntakeqAppointment,
  IntakeqClientProfile,
  IntakeqPractitioner,
} from '../../../../electron/emulators';

export type ExpectedPatient = Omit<RemotePatient, 'source'>;
export type ExpectedAppointment = Omit<RemoteAppointment, 'source'>;

/** What the upstream holds: listed records by id, and ids it hard-deleted. */
export interface Truth {
  patients: Map<string, ExpectedPatient>;
  deletedPatientIds: Set<string>;
  /** Every listed appointment (any start time). */
  appointments: Map<string, ExpectedAppointment>;
  deletedAppointmentIds: Set<string>;
}

const ms = (iso: string): string => new Date(iso).toISOString();
const idOf = (link: { links: { self: string } }): string => link.links.self.split('/').pop() ?? '';
const blank = (text: string | null | undefined): string | null => (text === null || text === undefined || text.trim() === '' ? null : text);

export interface ClinikoState {
  patients: ClinikoPatient[];
  appointments: ClinikoAppointment[];
  practitioners: ClinikoPractitioner[];
  appointmentTypes: ClinikoAppointmentType[];
  businesses: ClinikoBusiness[];
}

/** ARCHITECTURE.md: cancelled_at → cancelled; did_not_arrive → no_show; patient_arrived → arrived; else booked. */
function clinikoStatus(a: ClinikoAppointment): AppointmentStatus {
  if (a.cancelled_at !== null) return 'cancelled';
  if (a.did_not_arrive) return 'no_show';
  if (a.patient_arrived) return 'arrived';
  return 'booked';
}

export function clinikoTruth(state: ClinikoState): Truth {
  const practitioners = new Map(state.practitioners.map((p) => [p.id, p.display_name]));
  const types = new Map(state.appointmentTypes.map((t) => [t.id, t]));
  const businesses = new Map(state.businesses.map((b) => [b.id, b.business_name]));
  const truth: Truth = { patients: new Map(), deletedPatientIds: new Set(), appointments: new Map(), deletedAppointmentIds: new Set() };
  for (const p of state.patients) {
    if (p.deleted_at !== null) {
      truth.deletedPatientIds.add(p.id);
      continue;
    }
    const phones = p.patient_phone_numbers.filter((n) => blank(n.number) !== null);
    const phone = (phones.find((n) => n.phone_type.toLowerCase() === 'mobile') ?? phones[0])?.number ?? null;
    truth.patients.set(p.id, {
      externalId: p.id,
      firstName: p.first_name,
      lastName: p.last_name,
      email: blank(p.email),
      phone,
      dateOfBirth: p.date_of_birth,
      archived: p.archived_at !== null,
      deleted: false,
      remoteUpdatedAt: ms(p.updated_at),
    });
  }
  for (const a of state.appointments) {
    if (a.deleted_at !== null) {
      truth.deletedAppointmentIds.add(a.id);
      continue;
    }
    const type = types.get(idOf(a.appointment_type));
    const cancelled = a.cancelled_at !== null;
    truth.appointments.set(a.id, {
      externalId: a.id,
      patientExternalId: idOf(a.patient),
      practitionerExternalId: idOf(a.practitioner),
      practitionerName: practitioners.get(idOf(a.practitioner)) ?? null,
      serviceName: type?.name ?? null,
      locationName: businesses.get(idOf(a.business)) ?? null,
      startsAt: ms(a.starts_at),
      endsAt: ms(a.ends_at),
      status: clinikoStatus(a),
      cancelledAt: a.cancelled_at === null ? null : ms(a.cancelled_at),
      cancellationReason: cancelled ? (blank(a.cancellation_reason_description) ?? blank(a.cancellation_note)) : null,
      // The join link only counts where the appointment type has telehealth (spec §9.2).
      telehealthUrl: type?.telehealth_enabled ? a.telehealth_url : null,
      // Archived appointments no longer happen.
      deleted: a.archived_at !== null,
      remoteUpdatedAt: ms(a.updated_at),
    });
  }
  return truth;
}

export interface IntakeqState {
  patients: IntakeqClientProfile[];
  appointments: IntakeqAppointment[];
  practitioners: IntakeqPractitioner[];
  deletedPatientIds: number[];
  deletedAppointmentIds: string[];
}

const INTAKEQ_STATUS: Record<string, AppointmentStatus> = {
  Confirmed: 'confirmed',
  WaitingConfirmation: 'pending',
  Canceled: 'cancelled',
  Declined: 'declined',
  Missed: 'no_show',
};

const DAY_MS = 86_400_000;

export function intakeqTruth(state: IntakeqState): Truth {
  const deletedPatients = new Set(state.deletedPatientIds.map(String));
  const deletedAppointments = new Set(state.deletedAppointmentIds);
  const truth: Truth = {
    patients: new Map(),
    deletedPatientIds: deletedPatients,
    appointments: new Map(),
    deletedAppointmentIds: deletedAppointments,
  };
  for (const c of state.patients) {
    const id = String(c.ClientId);
    if (deletedPatients.has(id)) continue;
    const profile = c as IntakeqClientProfile & { MobilePhone?: string | null; HomePhone?: string | null; WorkPhone?: string | null };
    truth.patients.set(id, {
      externalId: id,
      firstName: c.FirstName,
      lastName: c.LastName,
      email: blank(c.Email),
      phone: blank(profile.MobilePhone) ?? blank(c.Phone) ?? blank(profile.HomePhone) ?? blank(profile.WorkPhone),
      // Epoch ms of (about) midnight: the nearest UTC midnight is the date meant.
      dateOfBirth: c.DateOfBirth === null ? null : new Date(Math.round(c.DateOfBirth / DAY_MS) * DAY_MS).toISOString().slice(0, 10),
      archived: c.Archived,
      deleted: false,
      remoteUpdatedAt: new Date(c.LastActivityDate).toISOString(),
    });
  }
  for (const a of state.appointments) {
    if (deletedAppointments.has(a.Id)) continue;
    const status = INTAKEQ_STATUS[a.Status];
    if (!status) throw new Error(`Unknown IntakeQ status in the emulator: ${a.Status}`);
    const cancelled = status === 'cancelled';
    const invitation = a.TelehealthInfo?.Invitation ?? null;
    truth.appointments.set(a.Id, {
      externalId: a.Id,
      patientExternalId: String(a.ClientId),
      practitionerExternalId: a.PractitionerId,
      practitionerName: blank(a.PractitionerName),
      serviceName: blank(a.ServiceName),
      locationName: blank(a.LocationName),
      startsAt: new Date(a.StartDate).toISOString(),
      endsAt: new Date(a.EndDate).toISOString(),
      status,
      cancelledAt: cancelled && a.CancellationDate !== null ? new Date(a.CancellationDate).toISOString() : null,
      cancellationReason: cancelled ? (blank(a.FullCancellationReason) ?? blank(a.CancellationReasonNote as string | null)) : null,
      // The client's link inside the invitation text, never the host's StartUrl.
      telehealthUrl: invitation === null ? null : (/https:\/\/\S+/.exec(invitation)?.[0] ?? null),
      deleted: false,
      remoteUpdatedAt: new Date(a.LastModified).toISOString(),
    });
  }
  return truth;
}
