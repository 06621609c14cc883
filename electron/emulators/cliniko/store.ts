import type { IdSequence } from './ids';
import type { AppointmentRow, AppointmentTypeRow, BusinessRow, PatientRow, PractitionerRow, UserRow } from './model';

export interface ClinikoIdSequences {
  patients: IdSequence;
  appointments: IdSequence;
  attendees: IdSequence;
}

/**
 * The practice's records, kept in creation order (which is also id order) with lookups by id.
 * `version` moves on every change, so cached query results know when they are stale.
 */
export class ClinikoStore {
  version = 0;
  private readonly patientIndex = new Map<string, PatientRow>();
  private readonly appointmentIndex = new Map<string, AppointmentRow>();
  private readonly attendeeIndex = new Map<string, AppointmentRow>();
  private readonly practitionerIndex: Map<string, PractitionerRow>;
  private readonly typeIndex: Map<string, AppointmentTypeRow>;
  private readonly businessIndex: Map<string, BusinessRow>;
  readonly patients: PatientRow[] = [];
  readonly appointments: AppointmentRow[] = [];

  constructor(
    readonly user: UserRow,
    readonly practitioners: readonly PractitionerRow[],
    readonly appointmentTypes: readonly AppointmentTypeRow[],
    readonly businesses: readonly BusinessRow[],
    readonly ids: ClinikoIdSequences,
    /** The practice's web address, e.g. https://harbourside.cliniko.com. */
    readonly webBase: string,
  ) {
    this.practitionerIndex = new Map(practitioners.map((row) => [row.id, row]));
    this.typeIndex = new Map(appointmentTypes.map((row) => [row.id, row]));
    this.businessIndex = new Map(businesses.map((row) => [row.id, row]));
  }

  insertPatient(row: PatientRow): void {
    this.patients.push(row);
    this.patientIndex.set(row.id, row);
    this.version++;
  }

  insertAppointment(row: AppointmentRow): void {
    this.appointments.push(row);
    this.appointmentIndex.set(row.id, row);
    this.attendeeIndex.set(row.attendee.id, row);
    this.version++;
  }

  /** Call after changing a record in place. */
  changed(): void {
    this.version++;
  }

  patient(id: string): PatientRow | undefined {
    return this.patientIndex.get(id);
  }

  appointment(id: string): AppointmentRow | undefined {
    return this.appointmentIndex.get(id);
  }

  appointmentByAttendee(attendeeId: string): AppointmentRow | undefined {
    return this.attendeeIndex.get(attendeeId);
  }

  practitioner(id: string): PractitionerRow | undefined {
    return this.practitionerIndex.get(id);
  }

  appointmentType(id: string): AppointmentTypeRow | undefined {
    return this.typeIndex.get(id);
  }

  business(id: string): BusinessRow | undefined {
    return this.businessIndex.get(id);
  }
}
