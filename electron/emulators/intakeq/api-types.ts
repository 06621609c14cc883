// The IntakeQ API's record shapes as the emulator serves them (the fields tests and clients rely on;
// appointments and profiles carry more).

export interface IntakeqTelehealthInfo {
  Id: string;
  StartUrl: string;
  Invitation: string;
  Provider: 'IntakeQ' | 'Zoom';
  InvitationCode: string;
}

export interface IntakeqAppointment {
  Id: string;
  ClientId: number;
  ClientName: string;
  ClientEmail: string | null;
  ClientPhone: string | null;
  ClientDateOfBirth: string | null;
  Status: string;
  StartDate: number;
  EndDate: number;
  StartDateIso: string;
  EndDateIso: string;
  StartDateLocal: string;
  Duration: number;
  ServiceId: string;
  ServiceName: string;
  LocationId: string;
  LocationName: string;
  PractitionerId: string;
  PractitionerName: string;
  PractitionerEmail: string;
  DateCreated: number;
  LastModified: number;
  TelehealthInfo: IntakeqTelehealthInfo | null;
  FullCancellationReason: string | null;
  CancellationDate: number | null;
  /** Only on GET /appointments/{id}. */
  AppointmentPackageId?: string | null;
  AppointmentPackageName?: string | null;
  [field: string]: unknown;
}

export interface IntakeqClientSummary {
  ClientNumber: number;
  Name: string;
  Email: string | null;
  Phone: string | null;
  [field: string]: unknown;
}

export interface IntakeqClientProfile {
  ClientId: number;
  Name: string;
  FirstName: string;
  LastName: string;
  Email: string | null;
  Phone: string | null;
  DateOfBirth: number | null;
  Archived: boolean;
  DateCreated: number;
  LastActivityDate: number;
  [field: string]: unknown;
}

export interface IntakeqPractitioner {
  Id: string;
  FirstName: string;
  LastName: string;
  CompleteName: string;
  Email: string;
  IsInactive: boolean;
  [field: string]: unknown;
}

export interface IntakeqSettings {
  Services: { Id: string; Name: string; Duration: number; Price: number }[];
  Locations: { Id: string; Name: string; Address: string }[];
  Practitioners: { Id: string; CompleteName: string; FirstName: string; LastName: string; Email: string }[];
}
