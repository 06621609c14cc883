import { CANCELLATION_REASONS } from '../shared/catalog';
import { ControlError } from '../shared/control-error';
import type { PersonGenerator } from '../shared/people';
import type { Prng } from '../shared/prng';
import { upcomingSlot } from '../shared/practice-plan';
import { isoSeconds } from '../shared/time';
import { ZoneCalendar } from '../shared/time-zone';
import type {
  ClinikoAppointment,
  ClinikoAppointmentType,
  ClinikoAttendee,
  ClinikoBusiness,
  ClinikoPatient,
  ClinikoPractitioner,
} from './api-types';
import type { PatientFields } from './model';
import type { AppointmentInput, ClinikoMutations } from './mutations';
import { appointmentPatch, patientPatch } from './input';
import { generatePatientFields } from './patient-fields';
import type { ClinikoSerializer } from './serialize';
import type { ClinikoStore } from './store';

/**
 * Ground truth and levers for tests: every record in the API's own shape (archived, cancelled and
 * deleted ones included), and the changes a practice makes during the day.
 */
export class ClinikoControl {
  private readonly zone: ZoneCalendar;

  constructor(
    private readonly store: ClinikoStore,
    private readonly mutations: ClinikoMutations,
    private readonly serializer: ClinikoSerializer,
    private readonly people: PersonGenerator,
    private readonly prng: Prng,
    private readonly nowMs: () => number,
  ) {
    this.zone = new ZoneCalendar(store.businesses[0]?.timeZoneIdentifier ?? 'UTC');
  }

  patients(): ClinikoPatient[] {
    return this.store.patients.map((row) => this.serializer.patient(row));
  }

  appointments(): ClinikoAppointment[] {
    return this.store.appointments.map((row) => this.serializer.appointment(row));
  }

  attendees(): ClinikoAttendee[] {
    return this.store.appointments.map((row) => this.serializer.attendee(row));
  }

  practitioners(): ClinikoPractitioner[] {
    return this.store.practitioners.map((row) => this.serializer.practitioner(row));
  }

  appointmentTypes(): ClinikoAppointmentType[] {
    return this.store.appointmentTypes.map((row) => this.serializer.appointmentType(row));
  }

  businesses(): ClinikoBusiness[] {
    return this.store.businesses.map((row) => this.serializer.business(row));
  }

  patient(id: string): ClinikoPatient {
    return this.serializer.patient(this.mutations.requirePatient(id));
  }

  appointment(id: string): ClinikoAppointment {
    return this.serializer.appointment(this.mutations.requireAppointment(id));
  }

  /** The attendee of an appointment, which holds the patient's video link. */
  attendeeOf(appointmentId: string): ClinikoAttendee {
    return this.serializer.attendee(this.mutations.requireAppointment(appointmentId));
  }

  /** A new patient; fields left out are generated like the seeded ones. */
  addPatient(partial: Partial<PatientFields> = {}): ClinikoPatient {
    const fields = patientPatch(partial);
    const person = this.people.person(this.nowMs(), { missingEmail: 0.07, missingBirthDate: 0.02 });
    this.people.claimEmail(fields.email ?? null);
    return this.serializer.patient(this.mutations.createPatient({ ...generatePatientFields(this.prng, person), ...fields }));
  }

  editPatient(id: string, patch: Partial<PatientFields>): ClinikoPatient {
    return this.serializer.patient(this.mutations.updatePatient(id, patientPatch(patch)));
  }

  archivePatient(id: string): ClinikoPatient {
    return this.serializer.patient(this.mutations.archivePatient(id));
  }

  unarchivePatient(id: string): ClinikoPatient {
    return this.serializer.patient(this.mutations.unarchivePatient(id));
  }

  deletePatient(id: string): ClinikoPatient {
    return this.serializer.patient(this.mutations.deletePatient(id));
  }

  /** A new booking; by default a random current patient with an active practitioner in business hours. */
  addAppointment(partial: Partial<AppointmentInput> = {}): ClinikoAppointment {
    const given = appointmentPatch(partial);
    const patients = this.store.patients.filter((p) => p.archivedAt === null && p.deletedAt === null);
    const types = this.store.appointmentTypes.filter((t) => t.archivedAt === null);
    const input: AppointmentInput = {
      patient_id: given.patient_id ?? this.prng.pick(patients).id,
      practitioner_id: given.practitioner_id ?? this.prng.pick(this.activePractitionerIds()),
      appointment_type_id: given.appointment_type_id ?? this.prng.pick(types).id,
      business_id: given.business_id ?? this.prng.pick(this.store.businesses).id,
      starts_at: given.starts_at ?? isoSeconds(upcomingSlot(this.prng, this.zone, this.nowMs())),
      ends_at: given.ends_at,
      notes: given.notes,
    };
    return this.serializer.appointment(this.mutations.createAppointment(input));
  }

  reschedule(id: string, startsAt: string): ClinikoAppointment {
    return this.serializer.appointment(this.mutations.updateAppointment(id, { starts_at: startsAt }));
  }

  /** Cancels with a reason label ("Sick", "Away", …); any other text is kept as the note of an "Other" reason. */
  cancel(id: string, reason?: string): ClinikoAppointment {
    const known = CANCELLATION_REASONS.find((r) => r.label.toLowerCase() === reason?.toLowerCase());
    const other = CANCELLATION_REASONS.find((r) => r.label === 'Other');
    const row = this.mutations.cancel(id, (known ?? other)?.code ?? 50, known || reason === undefined ? null : reason);
    return this.serializer.appointment(row);
  }

  markNoShow(id: string): ClinikoAppointment {
    return this.serializer.appointment(this.mutations.markNoShow(id));
  }

  /** Moves the appointment to another (by default a random other active) practitioner. */
  changePractitioner(id: string, practitionerId?: string): ClinikoAppointment {
    const current = this.mutations.requireAppointment(id).practitionerId;
    const others = this.activePractitionerIds().filter((p) => p !== current);
    if (!practitionerId && others.length === 0) throw new ControlError('No other active practitioner to move the appointment to', 400);
    return this.serializer.appointment(this.mutations.updateAppointment(id, { practitioner_id: practitionerId ?? this.prng.pick(others) }));
  }

  /** Gives the patient a new video link; the appointment's own (practitioner) link stays. */
  changeTelehealthUrl(id: string): ClinikoAppointment {
    return this.serializer.appointment(this.mutations.changeTelehealthUrl(id));
  }

  archiveAppointment(id: string): ClinikoAppointment {
    return this.serializer.appointment(this.mutations.archiveAppointment(id));
  }

  deleteAppointment(id: string): ClinikoAppointment {
    return this.serializer.appointment(this.mutations.deleteAppointment(id));
  }

  private activePractitionerIds(): string[] {
    return this.store.practitioners.filter((p) => p.active).map((p) => p.id);
  }
}

/** The control methods the HTTP control API may call. */
export const CLINIKO_OPERATIONS = [
  'patients',
  'appointments',
  'attendees',
  'practitioners',
  'appointmentTypes',
  'businesses',
  'patient',
  'appointment',
  'attendeeOf',
  'addPatient',
  'editPatient',
  'archivePatient',
  'unarchivePatient',
  'deletePatient',
  'addAppointment',
  'reschedule',
  'cancel',
  'markNoShow',
  'changePractitioner',
  'changeTelehealthUrl',
  'archiveAppointment',
  'deleteAppointment',
] as const satisfies readonly (keyof ClinikoControl)[];
