import type { AppointmentRow, ClientRow, LocationRow, PackageRow, PractitionerRow, ServiceRow } from './model';

/**
 * The IntakeQ practice's records with lookups by id. Clients keep ClientId order; `version` moves
 * on every change so cached query results know when they are stale.
 */
export class IntakeqStore {
  version = 0;
  readonly clients: ClientRow[] = [];
  readonly appointments: AppointmentRow[] = [];
  private readonly clientIndex = new Map<number, ClientRow>();
  private readonly appointmentIndex = new Map<string, AppointmentRow>();
  private readonly practitionerIndex: Map<string, PractitionerRow>;
  private nextInvoiceNumber = 1;

  constructor(
    readonly practitioners: readonly PractitionerRow[],
    readonly services: readonly ServiceRow[],
    readonly locations: readonly LocationRow[],
    readonly packages: readonly PackageRow[],
    readonly timeZone: string,
  ) {
    this.practitionerIndex = new Map(practitioners.map((row) => [row.id, row]));
  }

  insertClient(row: ClientRow): void {
    this.clients.push(row);
    this.clientIndex.set(row.clientId, row);
    this.version++;
  }

  insertAppointment(row: AppointmentRow): void {
    this.appointments.push(row);
    this.appointmentIndex.set(row.id, row);
    this.version++;
  }

  changed(): void {
    this.version++;
  }

  nextClientId(): number {
    return (this.clients[this.clients.length - 1]?.clientId ?? 0) + 1;
  }

  invoiceNumber(): number {
    return this.nextInvoiceNumber++;
  }

  client(id: number): ClientRow | undefined {
    return this.clientIndex.get(id);
  }

  appointment(id: string): AppointmentRow | undefined {
    return this.appointmentIndex.get(id);
  }

  practitioner(id: string): PractitionerRow | undefined {
    return this.practitionerIndex.get(id);
  }

  service(id: string): ServiceRow | undefined {
    return this.services.find((s) => s.id === id);
  }

  location(id: string): LocationRow | undefined {
    return this.locations.find((l) => l.id === id);
  }
}
