import { MINUTE_MS, utcDate } from '../shared/time';
import { ZoneCalendar } from '../shared/time-zone';
import type {
  IntakeqAppointment,
  IntakeqClientProfile,
  IntakeqClientSummary,
  IntakeqPractitioner,
  IntakeqSettings,
  IntakeqTelehealthInfo,
} from './api-types';
import type { AppointmentRow, ClientRow, PractitionerRow, TelehealthRow } from './model';
import type { IntakeqStore } from './store';

/** Turns records into IntakeQ's PascalCase shapes: epoch-ms numbers, ASP.NET-style ISO strings, local times. */
export class IntakeqSerializer {
  private readonly zone: ZoneCalendar;
  private readonly longFormat: Intl.DateTimeFormat;

  constructor(private readonly store: IntakeqStore) {
    this.zone = new ZoneCalendar(store.timeZone);
    this.longFormat = new Intl.DateTimeFormat('en-US', { timeZone: store.timeZone, dateStyle: 'full', timeStyle: 'short' });
  }

  /** A list row; `withPackage` adds the fields only GET /appointments/{id} returns. */
  appointment(row: AppointmentRow, withPackage = false): IntakeqAppointment {
    const client = this.store.client(row.clientId);
    const practitioner = this.store.practitioner(row.practitionerId);
    const endsAt = row.startsAt + row.durationMinutes * MINUTE_MS;
    const json: IntakeqAppointment = {
      Id: row.id,
      ClientName: client ? `${client.fields.FirstName} ${client.fields.LastName}` : '',
      ClientEmail: client?.fields.Email ?? null,
      ClientPhone: client?.fields.Phone ?? null,
      ClientDateOfBirth: client?.fields.DateOfBirth == null ? null : utcDate(client.fields.DateOfBirth),
      ClientId: row.clientId,
      Status: row.status,
      StartDate: row.startsAt,
      EndDate: endsAt,
      Duration: row.durationMinutes,
      ServiceName: this.store.service(row.serviceId)?.name ?? '',
      ServiceId: row.serviceId,
      LocationName: this.store.location(row.locationId)?.name ?? '',
      LocationId: row.locationId,
      Price: row.price,
      PractitionerName: practitioner ? `${practitioner.firstName} ${practitioner.lastName}` : '',
      PractitionerEmail: practitioner?.email ?? '',
      PractitionerId: row.practitionerId,
      IntakeId: row.intakeId,
      DateCreated: row.createdAt,
      LastModified: row.updatedAt,
      CreatedBy: row.createdBy,
      BookedByClient: row.bookedByClient,
      ReminderType: row.reminderType,
      StartDateIso: dotNetIso(row.startsAt),
      EndDateIso: dotNetIso(endsAt),
      StartDateLocal: this.localIso(row.startsAt),
      EndDateLocal: this.localIso(endsAt),
      StartDateLocalFormatted: this.longFormat.format(row.startsAt),
      TelehealthInfo: row.telehealth ? telehealthInfo(row.telehealth) : null,
      InvoiceId: row.invoice?.id ?? null,
      InvoiceNumber: row.invoice?.number ?? null,
      ClientNote: row.clientNote,
      PractitionerNote: row.practitionerNote,
      AttendanceConfirmationResponse: 'None',
      PlaceOfService: row.telehealth ? '02' : '11',
      FullCancellationReason: row.cancellationReason,
      CancellationReasonNote: row.cancellationNote,
      CancellationDate: row.cancelledAt,
      CustomFields: [],
      AdditionalClients: [],
    };
    if (withPackage) {
      json.AppointmentPackageId = row.packageId;
      json.AppointmentPackageName = this.store.packages.find((p) => p.id === row.packageId)?.name ?? null;
    }
    return json;
  }

  clientSummary(row: ClientRow): IntakeqClientSummary {
    return {
      ClientNumber: row.clientId,
      Name: `${row.fields.FirstName} ${row.fields.LastName}`,
      Email: row.fields.Email,
      Phone: row.fields.Phone,
    };
  }

  clientProfile(row: ClientRow): IntakeqClientProfile {
    const f = row.fields;
    const cityLine = [f.City, [f.StateShort, f.PostalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ');
    return {
      ClientId: row.clientId,
      Guid: row.guid,
      Name: `${f.FirstName} ${f.LastName}`,
      ...f,
      Address: [f.StreetAddress, f.UnitNumber, cityLine].filter(Boolean).join(', '),
      DateCreated: row.createdAt,
      LastActivityDate: row.updatedAt,
      LastUpdateDate: row.updatedAt,
      SecondaryInsuranceCompany: null,
      SecondaryInsurancePolicyNumber: null,
      SecondaryInsuranceGroupNumber: null,
      SecondaryInsuranceHolderName: null,
      SecondaryInsuranceRelationship: null,
      SecondaryInsuranceHolderDateOfBirth: null,
      CreditBalance: 0,
      StripeCustomerId: null,
      SquareCustomerId: null,
    };
  }

  practitioner(row: PractitionerRow): IntakeqPractitioner {
    return {
      Id: row.id,
      FirstName: row.firstName,
      LastName: row.lastName,
      CompleteName: `${row.firstName} ${row.lastName}`,
      Email: row.email,
      ExternalPractitionerId: null,
      DateCreated: row.createdAt,
      IsInactive: row.inactive,
      RoleName: 'Practitioner',
    };
  }

  practitionerList(includeInactive: boolean): IntakeqPractitioner[] {
    return this.store.practitioners.filter((p) => includeInactive || !p.inactive).map((p) => this.practitioner(p));
  }

  settings(): IntakeqSettings {
    return {
      Services: this.store.services.map((s) => ({ Id: s.id, Name: s.name, Duration: s.durationMinutes, Price: s.price })),
      Locations: this.store.locations.map((l) => ({ Id: l.id, Name: l.name, Address: l.address })),
      Practitioners: this.store.practitioners
        .filter((p) => !p.inactive)
        .map((p) => ({
          Id: p.id,
          CompleteName: `${p.firstName} ${p.lastName}`,
          FirstName: p.firstName,
          LastName: p.lastName,
          Email: p.email,
        })),
    };
  }

  /** Practice-local wall-clock time, yyyy-MM-ddTHH:mm:ss with no offset. */
  private localIso(ms: number): string {
    const p = this.zone.parts(ms);
    const two = (n: number): string => String(n).padStart(2, '0');
    return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}:${two(p.second)}`;
  }
}

/** .NET's round-trip format: seven fractional digits, e.g. 2025-10-01T20:00:00.0000000Z. */
function dotNetIso(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}0000Z`;
}

function telehealthInfo(row: TelehealthRow): IntakeqTelehealthInfo {
  if (row.provider === 'Zoom') {
    return {
      Id: row.id,
      Provider: 'Zoom',
      InvitationCode: row.code,
      StartUrl: `https://us02web.zoom.us/s/${row.code}`,
      Invitation: `Join Zoom Meeting\nhttps://us02web.zoom.us/j/${row.code}`,
    };
  }
  return {
    Id: row.id,
    Provider: 'IntakeQ',
    InvitationCode: row.code,
    StartUrl: `https://intakeq.com/telehealth/start/${row.code}`,
    Invitation: `Join your telehealth session: https://intakeq.com/t/${row.code}`,
  };
}
