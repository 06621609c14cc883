import { notFound, ValidationError } from '../shared/control-error';
import type { Prng } from '../shared/prng';
import { bumpedTime, MINUTE_MS, parseInstant } from '../shared/time';
import type { AppointmentRow, PatientFields, PatientRow } from './model';
import type { ClinikoStore } from './store';

/** An appointment as a write body names it (spec §9.2); ids as strings. */
export interface AppointmentInput {
  starts_at: string;
  ends_at?: string | null;
  patient_id: string;
  practitioner_id: string;
  appointment_type_id: string;
  business_id: string;
  notes?: string | null;
}

export type AppointmentPatch = Partial<AppointmentInput> & { did_not_arrive?: boolean; patient_arrived?: boolean };

const CANT_BE_BLANK = 'can’t be blank';

/**
 * Every change the practice can make, shared by the write endpoints and the control API. Each one
 * bumps updated_at (and the attendee's, when the attendee's data changes) as the real API does.
 */
export class ClinikoMutations {
  constructor(
    private readonly store: ClinikoStore,
    private readonly nowMs: () => number,
    private readonly prng: Prng,
  ) {}

  requirePatient(id: string): PatientRow {
    const row = this.store.patient(id);
    if (!row || row.deletedAt !== null) throw notFound('patient', id);
    return row;
  }

  requireAppointment(id: string): AppointmentRow {
    const row = this.store.appointment(id);
    if (!row || row.deletedAt !== null) throw notFound('appointment', id);
    return row;
  }

  createPatient(fields: PatientFields): PatientRow {
    requireNames(fields);
    const createdAt = this.creationTime(this.store.patients);
    const row: PatientRow = {
      id: this.store.ids.patients.next(createdAt),
      fields,
      createdAt,
      updatedAt: createdAt,
      archivedAt: null,
      deletedAt: null,
    };
    this.store.insertPatient(row);
    return row;
  }

  updatePatient(id: string, patch: Partial<PatientFields>): PatientRow {
    const row = this.requirePatient(id);
    const fields = { ...row.fields, ...patch };
    requireNames(fields);
    row.fields = fields;
    return this.touchPatient(row);
  }

  archivePatient(id: string): PatientRow {
    const row = this.requirePatient(id);
    row.archivedAt ??= this.nowMs();
    return this.touchPatient(row);
  }

  unarchivePatient(id: string): PatientRow {
    const row = this.requirePatient(id);
    row.archivedAt = null;
    return this.touchPatient(row);
  }

  /**
   * A hard delete. Nothing of the patient is kept but the id and the time (spec §8.1), so their
   * appointments are hard-deleted with them.
   */
  deletePatient(id: string): PatientRow {
    const row = this.requirePatient(id);
    this.touchPatient(row);
    row.deletedAt = row.updatedAt;
    for (const appointment of this.store.appointments) {
      if (appointment.patientId === id && appointment.deletedAt === null) this.deleteAppointment(appointment.id);
    }
    return row;
  }

  createAppointment(input: AppointmentInput): AppointmentRow {
    const references = this.checkReferences(input);
    const createdAt = this.creationTime(this.store.appointments);
    const startsAt = requireInstant('starts_at', input.starts_at);
    const endsAt = input.ends_at ? requireInstant('ends_at', input.ends_at) : startsAt + references.durationMinutes * MINUTE_MS;
    const row: AppointmentRow = {
      id: this.store.ids.appointments.next(createdAt),
      createdAt,
      updatedAt: createdAt,
      patientId: input.patient_id,
      practitionerId: input.practitioner_id,
      appointmentTypeId: input.appointment_type_id,
      businessId: input.business_id,
      startsAt,
      endsAt,
      notes: input.notes ?? null,
      cancelledAt: null,
      cancellationReason: null,
      cancellationNote: null,
      didNotArrive: false,
      patientArrived: false,
      archivedAt: null,
      deletedAt: null,
      attendee: { id: this.store.ids.attendees.next(createdAt), createdAt, updatedAt: createdAt, token: this.prng.alphanumeric(24) },
    };
    this.store.insertAppointment(row);
    return row;
  }

  updateAppointment(id: string, patch: AppointmentPatch): AppointmentRow {
    const row = this.requireAppointment(id);
    const merged: AppointmentInput = {
      starts_at: patch.starts_at ?? new Date(row.startsAt).toISOString(),
      patient_id: patch.patient_id ?? row.patientId,
      practitioner_id: patch.practitioner_id ?? row.practitionerId,
      appointment_type_id: patch.appointment_type_id ?? row.appointmentTypeId,
      business_id: patch.business_id ?? row.businessId,
    };
    const { durationMinutes } = this.checkReferences(merged);
    const startsAt = requireInstant('starts_at', merged.starts_at);
    // A moved start keeps the length unless ends_at is given; ends_at: null recomputes it from the type.
    let endsAt = row.endsAt + (startsAt - row.startsAt);
    if (patch.ends_at === null) endsAt = startsAt + durationMinutes * MINUTE_MS;
    else if (patch.ends_at !== undefined) endsAt = requireInstant('ends_at', patch.ends_at);
    Object.assign(row, {
      startsAt,
      endsAt,
      patientId: merged.patient_id,
      practitionerId: merged.practitioner_id,
      appointmentTypeId: merged.appointment_type_id,
      businessId: merged.business_id,
      notes: patch.notes === undefined ? row.notes : patch.notes,
      didNotArrive: patch.did_not_arrive ?? row.didNotArrive,
      patientArrived: patch.patient_arrived ?? row.patientArrived,
    });
    return this.touchAppointment(row, patch.did_not_arrive !== undefined || patch.patient_arrived !== undefined);
  }

  cancel(id: string, reasonCode: number, note: string | null): AppointmentRow {
    const row = this.requireAppointment(id);
    if (row.cancelledAt !== null) throw new ValidationError({ base: 'Appointment has already been cancelled' });
    row.cancelledAt = this.nowMs();
    row.cancellationReason = reasonCode;
    row.cancellationNote = note;
    return this.touchAppointment(row, true);
  }

  markNoShow(id: string): AppointmentRow {
    const row = this.requireAppointment(id);
    if (row.cancelledAt !== null) throw new ValidationError({ did_not_arrive: 'cannot be set on a cancelled appointment' });
    row.didNotArrive = true;
    row.patientArrived = false;
    return this.touchAppointment(row, true);
  }

  /** Issues the patient a new video link (the attendee's telehealth_url). */
  changeTelehealthUrl(id: string): AppointmentRow {
    const row = this.requireAppointment(id);
    row.attendee.token = this.prng.alphanumeric(24);
    return this.touchAppointment(row, true);
  }

  archiveAppointment(id: string): AppointmentRow {
    const row = this.requireAppointment(id);
    row.archivedAt ??= this.nowMs();
    return this.touchAppointment(row, true);
  }

  /** A hard delete: from then on the API serves only a stub of it (id, deleted_at, links). */
  deleteAppointment(id: string): AppointmentRow {
    const row = this.touchAppointment(this.requireAppointment(id), true);
    row.deletedAt = row.updatedAt;
    return row;
  }

  /** Edits `count` random visible records, as staff working during a sync would (page drift). */
  drift(resource: 'patients' | 'appointments', count: number): void {
    const rows: readonly (PatientRow | AppointmentRow)[] = resource === 'patients' ? this.store.patients : this.store.appointments;
    for (let i = 0; i < count && rows.length > 0; i++) {
      const row = this.prng.pick(rows);
      if (row.deletedAt !== null) continue;
      const note = `Reviewed by front desk (${this.prng.hex(4)})`;
      if ('fields' in row) {
        row.fields = { ...row.fields, notes: note };
        this.touchPatient(row);
      } else {
        row.notes = note;
        this.touchAppointment(row, false);
      }
    }
  }

  private checkReferences(input: AppointmentInput): { durationMinutes: number } {
    const errors: Record<string, string> = {};
    if (!input.starts_at) errors.starts_at = CANT_BE_BLANK;
    const patient = this.store.patient(input.patient_id);
    if (!patient || patient.deletedAt !== null) errors.patient = 'must exist';
    if (!this.store.practitioner(input.practitioner_id)) errors.practitioner = 'must exist';
    const type = this.store.appointmentType(input.appointment_type_id);
    if (!type) errors.appointment_type = 'must exist';
    if (!this.store.business(input.business_id)) errors.business = 'must exist';
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    return { durationMinutes: type?.durationMinutes ?? 30 };
  }

  /** New records sort after existing ones, keeping the store in creation order. */
  private creationTime(rows: readonly { createdAt: number }[]): number {
    return Math.max(this.nowMs(), rows[rows.length - 1]?.createdAt ?? 0);
  }

  private touchPatient(row: PatientRow): PatientRow {
    row.updatedAt = bumpedTime(this.nowMs(), row.updatedAt);
    this.store.changed();
    return row;
  }

  private touchAppointment(row: AppointmentRow, attendeeChanged: boolean): AppointmentRow {
    row.updatedAt = bumpedTime(this.nowMs(), row.updatedAt);
    if (attendeeChanged) row.attendee.updatedAt = bumpedTime(this.nowMs(), row.attendee.updatedAt);
    this.store.changed();
    return row;
  }
}

function requireNames(fields: PatientFields): void {
  const errors: Record<string, string> = {};
  if (!fields.first_name?.trim()) errors.first_name = CANT_BE_BLANK;
  if (!fields.last_name?.trim()) errors.last_name = CANT_BE_BLANK;
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
}

function requireInstant(field: string, value: string): number {
  const ms = parseInstant(value);
  if (ms === null) throw new ValidationError({ [field]: 'is not a valid date-time' });
  return ms;
}
