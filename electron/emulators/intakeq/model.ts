// The IntakeQ emulator's internal records, instants as epoch ms. serialize.ts produces the API shapes.

export type AppointmentStatus = 'Confirmed' | 'WaitingConfirmation' | 'Declined' | 'Canceled' | 'Missed';
export const APPOINTMENT_STATUSES: readonly AppointmentStatus[] = ['Confirmed', 'WaitingConfirmation', 'Declined', 'Canceled', 'Missed'];

export interface CustomFieldValue {
  FieldId: string;
  Text: string;
  Value: string;
}

/** Everything POST /clients writes (a full replace), named as the API names it. */
export interface ClientFields {
  FirstName: string;
  LastName: string;
  MiddleName: string | null;
  Email: string | null;
  Phone: string | null;
  HomePhone: string | null;
  WorkPhone: string | null;
  MobilePhone: string | null;
  Gender: string | null;
  MaritalStatus: string | null;
  /** Epoch ms of the birth date's UTC midnight. */
  DateOfBirth: number | null;
  UnitNumber: string | null;
  StreetAddress: string | null;
  City: string | null;
  State: string | null;
  StateShort: string | null;
  PostalCode: string | null;
  Country: string | null;
  PractitionerId: string | null;
  ExternalClientId: string | null;
  AdditionalInformation: string | null;
  BillingType: string | null;
  PrimaryInsuranceCompany: string | null;
  PrimaryInsurancePolicyNumber: string | null;
  PrimaryInsuranceGroupNumber: string | null;
  PrimaryInsuranceHolderName: string | null;
  PrimaryInsuranceRelationship: string | null;
  PrimaryInsuranceHolderDateOfBirth: number | null;
  Archived: boolean;
  Tags: string[];
  CustomFields: CustomFieldValue[];
}

export interface ClientRow {
  clientId: number;
  guid: string;
  fields: ClientFields;
  createdAt: number;
  updatedAt: number;
  /** Soft-deleted: listed only by deletedOnly=true for ten days. */
  deletedAt: number | null;
}

export interface TelehealthRow {
  id: string;
  provider: 'IntakeQ' | 'Zoom';
  /** The invitation code (IntakeQ) or meeting number (Zoom) the links are built from. */
  code: string;
}

export interface AppointmentRow {
  /** 24 hex characters, ObjectId-like: the first eight encode the creation second. */
  id: string;
  clientId: number;
  practitionerId: string;
  serviceId: string;
  locationId: string;
  status: AppointmentStatus;
  startsAt: number;
  durationMinutes: number;
  price: number;
  reminderType: 'Sms' | 'Email' | 'Voice' | 'OptOut';
  bookedByClient: boolean;
  createdBy: string;
  clientNote: string | null;
  practitionerNote: string | null;
  intakeId: string | null;
  packageId: string | null;
  invoice: { id: string; number: number } | null;
  telehealth: TelehealthRow | null;
  cancelledAt: number | null;
  cancellationReason: string | null;
  cancellationNote: string | null;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
}

export interface PractitionerRow {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  createdAt: number;
  inactive: boolean;
}

export interface ServiceRow {
  id: string;
  name: string;
  durationMinutes: number;
  price: number;
  telehealth: boolean;
}

export interface LocationRow {
  id: string;
  name: string;
  address: string;
}

export interface PackageRow {
  id: string;
  name: string;
}
