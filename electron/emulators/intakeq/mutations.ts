import { ControlError, notFound } from '../shared/control-error';
import type { Prng } from '../shared/prng';
import { bumpedTime } from '../shared/time';
import { objectId } from './ids';
import type { AppointmentRow, AppointmentStatus, ClientFields, ClientRow } from './model';
import type { IntakeqStore } from './store';
import { telehealth } from './telehealth';

/** A POST /appointments body (spec §2.5). */
export interface NewAppointment {
  ClientId: number;
  PractitionerId: string;
  ServiceId: string;
  LocationId: string;
  Status: 'Confirmed' | 'WaitingConfirmation';
  /** Epoch ms, UTC. */
  UtcDateTime: number;
  ReminderType: AppointmentRow['reminderType'];
  ClientNote?: string | null;
  PractitionerNote?: string | null;
}

/** A PUT /appointments body: the id in the body, UtcDateTime always. */
export interface AppointmentUpdate {
  Id: string;
  UtcDateTime: number;
  ServiceId?: string;
  LocationId?: string;
  Status?: AppointmentStatus;
  ReminderType?: AppointmentRow['reminderType'];
  ClientNote?: string | null;
  PractitionerNote?: string | null;
}

const refuse = (message: string): ControlError => new ControlError(message, 400);

/**
 * Every change the practice can make, shared by the write endpoints and the control API. Each one
 * moves LastModified forward, as IntakeQ does.
 */
export class IntakeqMutations {
  constructor(
    private readonly store: IntakeqStore,
    private readonly nowMs: () => number,
    private readonly prng: Prng,
  ) {}

  requireClient(id: number): ClientRow {
    const row = this.store.client(id);
    if (!row || row.deletedAt !== null) throw notFound('client', id);
    return row;
  }

  clientExists(id: number): boolean {
    const row = this.store.client(id);
    return row !== undefined && row.deletedAt === null;
  }

  requireAppointment(id: string): AppointmentRow {
    const row = this.store.appointment(id);
    if (!row || row.deletedAt !== null) throw notFound('appointment', id);
    return row;
  }

  createClient(fields: ClientFields): ClientRow {
    const now = this.nowMs();
    const row: ClientRow = {
      clientId: this.store.nextClientId(),
      guid: this.prng.guid(),
      fields,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    };
    this.store.insertClient(row);
    return row;
  }

  /** Replaces the client's fields (POST /clients semantics: what is left out is cleared). */
  replaceClient(id: number, fields: ClientFields): ClientRow {
    const row = this.requireClient(id);
    row.fields = fields;
    return this.touchClient(row);
  }

  /** The client a POST /clients without ClientId updates: same first name and email (or phone). */
  findClientToUpdate(fields: ClientFields): ClientRow | undefined {
    const same = (a: string | null, b: string | null): boolean => a !== null && b !== null && a.toLowerCase() === b.toLowerCase();
    return this.store.clients.find(
      (c) =>
        c.deletedAt === null &&
        same(c.fields.FirstName, fields.FirstName) &&
        (same(c.fields.Email, fields.Email) || same(c.fields.Phone, fields.Phone)),
    );
  }

  archiveClient(id: number): ClientRow {
    const row = this.requireClient(id);
    row.fields = { ...row.fields, Archived: true };
    return this.touchClient(row);
  }

  /** Their appointments are deleted with them (listed by deletedOnly too): no visit outlives its client. */
  deleteClient(id: number): ClientRow {
    const row = this.touchClient(this.requireClient(id));
    row.deletedAt = row.updatedAt;
    for (const appointment of this.store.appointments) {
      if (appointment.clientId === id && appointment.deletedAt === null) this.deleteAppointment(appointment.id);
    }
    return row;
  }

  createAppointment(input: NewAppointment): AppointmentRow {
    const client = this.store.client(input.ClientId);
    if (!client || client.deletedAt !== null) throw refuse('Client not found');
    const practitioner = this.store.practitioner(input.PractitionerId);
    if (!practitioner || practitioner.inactive) throw refuse('Practitioner not found');
    const service = this.store.service(input.ServiceId);
    if (!service) throw refuse('Service not found');
    if (!this.store.location(input.LocationId)) throw refuse('Location not found');
    const now = this.nowMs();
    const row: AppointmentRow = {
      id: objectId(this.prng, now),
      clientId: client.clientId,
      practitionerId: practitioner.id,
      serviceId: service.id,
      locationId: input.LocationId,
      status: input.Status,
      startsAt: input.UtcDateTime,
      durationMinutes: service.durationMinutes,
      price: service.price,
      reminderType: input.ReminderType,
      bookedByClient: false,
      createdBy: `${practitioner.firstName} ${practitioner.lastName}`,
      clientNote: input.ClientNote ?? null,
      practitionerNote: input.PractitionerNote ?? null,
      intakeId: null,
      packageId: null,
      invoice: null,
      telehealth: service.telehealth ? telehealth(this.prng) : null,
      cancelledAt: null,
      cancellationReason: null,
      cancellationNote: null,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    };
    this.store.insertAppointment(row);
    return row;
  }

  /** PUT /appointments: the client and practitioner stay; Confirmed never goes back to WaitingConfirmation. */
  updateAppointment(update: AppointmentUpdate): AppointmentRow {
    const row = this.requireAppointment(update.Id);
    if (update.Status === 'WaitingConfirmation' && row.status === 'Confirmed')
      throw refuse('A confirmed appointment cannot go back to WaitingConfirmation');
    const service = update.ServiceId === undefined ? undefined : this.store.service(update.ServiceId);
    if (update.ServiceId !== undefined && !service) throw refuse('Service not found');
    if (update.LocationId !== undefined && !this.store.location(update.LocationId)) throw refuse('Location not found');
    row.startsAt = update.UtcDateTime;
    if (service) Object.assign(row, { serviceId: service.id, durationMinutes: service.durationMinutes, price: service.price });
    if (update.LocationId !== undefined) row.locationId = update.LocationId;
    if (update.Status !== undefined) this.applyStatus(row, update.Status, null);
    if (update.ReminderType !== undefined) row.reminderType = update.ReminderType;
    if (update.ClientNote !== undefined) row.clientNote = update.ClientNote;
    if (update.PractitionerNote !== undefined) row.practitionerNote = update.PractitionerNote;
    return this.touchAppointment(row);
  }

  cancel(id: string, reason: string | null): AppointmentRow {
    const row = this.requireAppointment(id);
    if (row.status === 'Canceled') throw refuse('The appointment is already canceled');
    this.applyStatus(row, 'Canceled', reason);
    return this.touchAppointment(row);
  }

  /** Staff changing the status in the app (confirm, decline, mark missed). */
  setStatus(id: string, status: AppointmentStatus): AppointmentRow {
    const row = this.requireAppointment(id);
    if (row.status === 'Canceled') throw refuse('A canceled appointment cannot change status');
    this.applyStatus(row, status, null);
    return this.touchAppointment(row);
  }

  /** Staff moving the appointment in the app (the API itself cannot change the practitioner). */
  changePractitioner(id: string, practitionerId: string): AppointmentRow {
    const row = this.requireAppointment(id);
    if (!this.store.practitioner(practitionerId)) throw refuse('Practitioner not found');
    row.practitionerId = practitionerId;
    return this.touchAppointment(row);
  }

  changeTelehealth(id: string): AppointmentRow {
    const row = this.requireAppointment(id);
    row.telehealth = telehealth(this.prng);
    return this.touchAppointment(row);
  }

  /** A soft delete: listed by deletedOnly=true for about ten days. */
  deleteAppointment(id: string): AppointmentRow {
    const row = this.touchAppointment(this.requireAppointment(id));
    row.deletedAt = row.updatedAt;
    return row;
  }

  /** Edits `count` random live records, as staff working during a sync would (page drift). */
  drift(resource: 'clients' | 'appointments', count: number): void {
    for (let i = 0; i < count; i++) {
      if (resource === 'clients' && this.store.clients.length > 0) {
        const row = this.prng.pick(this.store.clients);
        if (row.deletedAt !== null) continue;
        row.fields = { ...row.fields, AdditionalInformation: `Reviewed by front desk (${this.prng.hex(4)})` };
        this.touchClient(row);
      } else if (resource === 'appointments' && this.store.appointments.length > 0) {
        const row = this.prng.pick(this.store.appointments);
        if (row.deletedAt !== null) continue;
        row.practitionerNote = `Reviewed by front desk (${this.prng.hex(4)})`;
        this.touchAppointment(row);
      }
    }
  }

  private applyStatus(row: AppointmentRow, status: AppointmentStatus, reason: string | null): void {
    row.status = status;
    if (status === 'Canceled') {
      row.cancelledAt = this.nowMs();
      row.cancellationReason = reason;
    }
  }

  private touchClient(row: ClientRow): ClientRow {
    row.updatedAt = bumpedTime(this.nowMs(), row.updatedAt);
    this.store.changed();
    return row;
  }

  private touchAppointment(row: AppointmentRow): AppointmentRow {
    row.updatedAt = bumpedTime(this.nowMs(), row.updatedAt);
    this.store.changed();
    return row;
  }
}
