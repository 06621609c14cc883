import { ControlError } from '../shared/control-error';
import { APPOINTMENT_STATUSES, type AppointmentRow, type AppointmentStatus, type ClientFields, type CustomFieldValue } from './model';
import type { AppointmentUpdate, NewAppointment } from './mutations';

// Reads write bodies (and control-API arguments) into typed values. Refusals become IntakeQ's
// 400 {"Message": …}; fields the emulator does not model are ignored.

type Body = Record<string, unknown>;

const invalid = (message: string): ControlError => new ControlError(message, 400);

export function asBody(value: unknown): Body {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid('The request is invalid.');
  return value as Body;
}

const TEXT_FIELDS = ['FirstName', 'LastName'] as const satisfies readonly (keyof ClientFields)[];
const NULLABLE_TEXT_FIELDS = [
  'MiddleName',
  'Email',
  'Phone',
  'HomePhone',
  'WorkPhone',
  'MobilePhone',
  'Gender',
  'MaritalStatus',
  'UnitNumber',
  'StreetAddress',
  'City',
  'State',
  'StateShort',
  'PostalCode',
  'Country',
  'PractitionerId',
  'ExternalClientId',
  'AdditionalInformation',
  'BillingType',
  'PrimaryInsuranceCompany',
  'PrimaryInsurancePolicyNumber',
  'PrimaryInsuranceGroupNumber',
  'PrimaryInsuranceHolderName',
  'PrimaryInsuranceRelationship',
] as const satisfies readonly (keyof ClientFields)[];
const NULLABLE_TIME_FIELDS = ['DateOfBirth', 'PrimaryInsuranceHolderDateOfBirth'] as const satisfies readonly (keyof ClientFields)[];

/** The client fields a body sets, type-checked. */
export function clientPatch(value: unknown): Partial<ClientFields> {
  const body = asBody(value);
  const patch: Partial<ClientFields> = {};
  for (const name of TEXT_FIELDS) {
    if (!(name in body)) continue;
    if (typeof body[name] !== 'string') throw invalid(`${name} must be a string.`);
    patch[name] = body[name];
  }
  for (const name of NULLABLE_TEXT_FIELDS) {
    if (!(name in body)) continue;
    const field = body[name];
    if (field !== null && typeof field !== 'string') throw invalid(`${name} must be a string.`);
    patch[name] = field;
  }
  for (const name of NULLABLE_TIME_FIELDS) {
    if (!(name in body)) continue;
    const field = body[name];
    if (field !== null && !Number.isInteger(field)) throw invalid(`${name} must be a Unix time in milliseconds.`);
    patch[name] = field as number | null;
  }
  if ('Archived' in body) {
    if (typeof body.Archived !== 'boolean') throw invalid('Archived must be true or false.');
    patch.Archived = body.Archived;
  }
  if ('Tags' in body) {
    const tags = body.Tags ?? [];
    if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string')) throw invalid('Tags must be a list of strings.');
    patch.Tags = tags as string[];
  }
  if ('CustomFields' in body) patch.CustomFields = customFields(body.CustomFields);
  return patch;
}

function customFields(value: unknown): CustomFieldValue[] {
  if (value === null) return [];
  if (!Array.isArray(value)) throw invalid('CustomFields must be a list.');
  return (value as unknown[]).map((item) => {
    const entry = asBody(item);
    if (typeof entry.FieldId !== 'string' || (entry.Value !== null && typeof entry.Value !== 'string'))
      throw invalid('CustomFields entries need FieldId and Value.');
    return { FieldId: entry.FieldId, Text: typeof entry.Text === 'string' ? entry.Text : '', Value: entry.Value ?? '' };
  });
}

const REMINDER_TYPES: readonly AppointmentRow['reminderType'][] = ['Sms', 'Email', 'Voice', 'OptOut'];

function required<T>(body: Body, name: string, check: (v: unknown) => v is T): T {
  const value = body[name];
  if (!check(value)) throw invalid(`${name} is required.`);
  return value;
}

const isText = (v: unknown): v is string => typeof v === 'string' && v !== '';
const isEpochMs = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isReminder = (v: unknown): v is AppointmentRow['reminderType'] => REMINDER_TYPES.includes(v as AppointmentRow['reminderType']);
const isStatus = (v: unknown): v is AppointmentStatus => APPOINTMENT_STATUSES.includes(v as AppointmentStatus);
const optionalNote = (v: unknown): string | null | undefined => (typeof v === 'string' || v === null ? v : undefined);

/** POST /appointments: every field but the notes is required; only Confirmed or WaitingConfirmation. */
export function newAppointment(value: unknown): NewAppointment {
  const body = asBody(value);
  const status = required(body, 'Status', isStatus);
  if (status !== 'Confirmed' && status !== 'WaitingConfirmation') throw invalid('Status must be Confirmed or WaitingConfirmation.');
  const notify = required(body, 'SendClientEmailNotification', (v): v is boolean => typeof v === 'boolean');
  if (notify && status !== 'Confirmed') throw invalid('SendClientEmailNotification can only be true for Confirmed appointments.');
  const clientId = body.ClientId;
  if (!Number.isInteger(clientId)) throw invalid('Client not found');
  return {
    ClientId: clientId as number,
    PractitionerId: required(body, 'PractitionerId', isText),
    ServiceId: required(body, 'ServiceId', isText),
    LocationId: String(required(body, 'LocationId', (v): v is string | number => isText(v) || typeof v === 'number')),
    Status: status,
    UtcDateTime: required(body, 'UtcDateTime', isEpochMs),
    ReminderType: required(body, 'ReminderType', isReminder),
    ClientNote: optionalNote(body.ClientNote),
    PractitionerNote: optionalNote(body.PractitionerNote),
  };
}

/** PUT /appointments: Id and UtcDateTime are required; the client and practitioner cannot change. */
export function appointmentUpdate(
  value: unknown,
  current: (id: string) => { clientId: number; practitionerId: string },
): AppointmentUpdate {
  const body = asBody(value);
  const id = required(body, 'Id', isText);
  const existing = current(id);
  if (body.ClientId !== undefined && body.ClientId !== existing.clientId) throw invalid('The client of an appointment cannot be changed.');
  if (body.PractitionerId !== undefined && body.PractitionerId !== existing.practitionerId)
    throw invalid('The practitioner of an appointment cannot be changed.');
  const optional = <T>(name: string, check: (v: unknown) => v is T): T | undefined =>
    body[name] === undefined || body[name] === null ? undefined : required(body, name, check);
  const location = optional('LocationId', (v): v is string | number => isText(v) || typeof v === 'number');
  return {
    Id: id,
    UtcDateTime: required(body, 'UtcDateTime', isEpochMs),
    ServiceId: optional('ServiceId', isText),
    LocationId: location === undefined ? undefined : String(location),
    Status: optional('Status', isStatus),
    ReminderType: optional('ReminderType', isReminder),
    ClientNote: optionalNote(body.ClientNote),
    PractitionerNote: optionalNote(body.PractitionerNote),
  };
}
