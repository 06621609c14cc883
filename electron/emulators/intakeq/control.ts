import { ControlError } from '../shared/control-error';
import type { PersonGenerator } from '../shared/people';
import { upcomingSlot } from '../shared/practice-plan';
import type { Prng } from '../shared/prng';
import { parseInstant } from '../shared/time';
import { ZoneCalendar } from '../shared/time-zone';
import type { IntakeqAppointment, IntakeqClientProfile, IntakeqPractitioner, IntakeqSettings } from './api-types';
import { generateClientFields } from './client-fields';
import { clientPatch } from './input';
import { APPOINTMENT_STATUSES, type AppointmentStatus, type ClientFields } from './model';
import type { IntakeqMutations, NewAppointment } from './mutations';
import type { IntakeqSerializer } from './serialize';
import type { IntakeqStore } from './store';

/**
 * Ground truth and levers for tests: every record in the API's own shape (archived and soft-deleted
 * ones included; appointments with their package fields), and the changes a practice makes.
 */
export class IntakeqControl {
  private readonly zone: ZoneCalendar;

  constructor(
    private readonly store: IntakeqStore,
    private readonly mutations: IntakeqMutations,
    private readonly serializer: IntakeqSerializer,
    private readonly people: PersonGenerator,
    private readonly prng: Prng,
    private readonly nowMs: () => number,
  ) {
    this.zone = new ZoneCalendar(store.timeZone);
  }

  patients(): IntakeqClientProfile[] {
    return this.store.clients.map((row) => this.serializer.clientProfile(row));
  }

  appointments(): IntakeqAppointment[] {
    return this.store.appointments.map((row) => this.serializer.appointment(row, true));
  }

  practitioners(): IntakeqPractitioner[] {
    return this.store.practitioners.map((row) => this.serializer.practitioner(row));
  }

  settings(): IntakeqSettings {
    return this.serializer.settings();
  }

  deletedPatientIds(): number[] {
    return this.store.clients.filter((row) => row.deletedAt !== null).map((row) => row.clientId);
  }

  deletedAppointmentIds(): string[] {
    return this.store.appointments.filter((row) => row.deletedAt !== null).map((row) => row.id);
  }

  patient(id: number | string): IntakeqClientProfile {
    return this.serializer.clientProfile(this.mutations.requireClient(Number(id)));
  }

  appointment(id: string): IntakeqAppointment {
    return this.serializer.appointment(this.mutations.requireAppointment(id), true);
  }

  /** A new client; fields left out are generated like the seeded ones. */
  addPatient(partial: Partial<ClientFields> = {}): IntakeqClientProfile {
    const patch = clientPatch(partial);
    const person = this.people.person(this.nowMs(), { missingEmail: 0.07, missingBirthDate: 0.02 });
    this.people.claimEmail(patch.Email ?? null);
    const practitioner = this.prng.pick(this.activePractitionerIds());
    return this.serializer.clientProfile(
      this.mutations.createClient({ ...generateClientFields(this.prng, person, practitioner), ...patch }),
    );
  }

  editPatient(id: number | string, patch: Partial<ClientFields>): IntakeqClientProfile {
    const row = this.mutations.requireClient(Number(id));
    return this.serializer.clientProfile(this.mutations.replaceClient(row.clientId, { ...row.fields, ...clientPatch(patch) }));
  }

  archivePatient(id: number | string): IntakeqClientProfile {
    return this.serializer.clientProfile(this.mutations.archiveClient(Number(id)));
  }

  deletePatient(id: number | string): IntakeqClientProfile {
    return this.serializer.clientProfile(this.mutations.deleteClient(Number(id)));
  }

  /** A new booking; by default a random active client with an active practitioner in business hours. */
  addAppointment(partial: Partial<NewAppointment> = {}): IntakeqAppointment {
    const clients = this.store.clients.filter((c) => c.deletedAt === null && !c.fields.Archived);
    const input: NewAppointment = {
      ClientId: partial.ClientId ?? this.prng.pick(clients).clientId,
      PractitionerId: partial.PractitionerId ?? this.prng.pick(this.activePractitionerIds()),
      ServiceId: partial.ServiceId ?? this.prng.pick(this.store.services).id,
      LocationId: partial.LocationId ?? this.prng.pick(this.store.locations).id,
      Status: partial.Status ?? 'Confirmed',
      UtcDateTime: partial.UtcDateTime ?? upcomingSlot(this.prng, this.zone, this.nowMs()),
      ReminderType: partial.ReminderType ?? 'Sms',
      ClientNote: partial.ClientNote,
      PractitionerNote: partial.PractitionerNote,
    };
    return this.serializer.appointment(this.mutations.createAppointment(input), true);
  }

  reschedule(id: string, startsAt: string): IntakeqAppointment {
    const instant = parseInstant(startsAt);
    if (instant === null) throw new ControlError('startsAt must be an ISO-8601 instant', 400);
    return this.serializer.appointment(this.mutations.updateAppointment({ Id: id, UtcDateTime: instant }), true);
  }

  cancel(id: string, reason?: string): IntakeqAppointment {
    return this.serializer.appointment(this.mutations.cancel(id, reason ?? null), true);
  }

  markNoShow(id: string): IntakeqAppointment {
    return this.setStatus(id, 'Missed');
  }

  /** Confirm, decline or mark missed, as staff do in the app. */
  setStatus(id: string, status: AppointmentStatus): IntakeqAppointment {
    if (!APPOINTMENT_STATUSES.includes(status)) throw new ControlError(`status must be one of ${APPOINTMENT_STATUSES.join(', ')}`, 400);
    return this.serializer.appointment(this.mutations.setStatus(id, status), true);
  }

  /** Moves the appointment to another (by default a random other active) practitioner. */
  changePractitioner(id: string, practitionerId?: string): IntakeqAppointment {
    const current = this.mutations.requireAppointment(id).practitionerId;
    const others = this.activePractitionerIds().filter((p) => p !== current);
    if (!practitionerId && others.length === 0) throw new ControlError('No other active practitioner to move the appointment to', 400);
    return this.serializer.appointment(this.mutations.changePractitioner(id, practitionerId ?? this.prng.pick(others)), true);
  }

  /** A new video session with new links (an in-person appointment gains one). */
  changeTelehealthUrl(id: string): IntakeqAppointment {
    return this.serializer.appointment(this.mutations.changeTelehealth(id), true);
  }

  deleteAppointment(id: string): IntakeqAppointment {
    return this.serializer.appointment(this.mutations.deleteAppointment(id), true);
  }

  private activePractitionerIds(): string[] {
    return this.store.practitioners.filter((p) => !p.inactive).map((p) => p.id);
  }
}

/** The control methods the HTTP control API may call. */
export const INTAKEQ_OPERATIONS = [
  'patients',
  'appointments',
  'practitioners',
  'settings',
  'deletedPatientIds',
  'deletedAppointmentIds',
  'patient',
  'appointment',
  'addPatient',
  'editPatient',
  'archivePatient',
  'deletePatient',
  'addAppointment',
  'reschedule',
  'cancel',
  'markNoShow',
  'setStatus',
  'changePractitioner',
  'changeTelehealthUrl',
  'deleteAppointment',
] as const satisfies readonly (keyof IntakeqControl)[];
