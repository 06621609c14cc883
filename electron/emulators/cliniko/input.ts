import { ValidationError } from '../shared/control-error';
import type { PatientFields, PhoneNumber, PhoneType } from './model';
import type { AppointmentPatch } from './mutations';

// Reads write bodies (and control-API arguments) into typed patches, refusing wrong types with
// Cliniko's 422 shape and ignoring fields the emulator does not model.

type Body = Record<string, unknown>;

const TEXT_FIELDS = ['first_name', 'last_name', 'reminder_type'] as const satisfies readonly (keyof PatientFields)[];
const NULLABLE_TEXT_FIELDS = [
  'preferred_first_name',
  'title',
  'email',
  'sex',
  'gender_identity',
  'address_1',
  'address_2',
  'city',
  'state',
  'post_code',
  'country_code',
  'occupation',
  'emergency_contact',
  'referral_source',
  'notes',
  'time_zone',
  'old_reference_id',
] as const satisfies readonly (keyof PatientFields)[];

const PHONE_TYPES: readonly PhoneType[] = ['Mobile', 'Home', 'Work', 'Fax', 'Other'];

export function asBody(value: unknown): Body {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ValidationError({ base: 'must be an object' });
  return value as Body;
}

export function patientPatch(value: unknown): Partial<PatientFields> {
  const body = asBody(value);
  const patch: Partial<PatientFields> = {};
  const errors: Record<string, string> = {};
  for (const name of TEXT_FIELDS) {
    if (!(name in body)) continue;
    const field = body[name];
    if (typeof field === 'string') patch[name] = field;
    else errors[name] = 'must be a string';
  }
  for (const name of NULLABLE_TEXT_FIELDS) {
    if (!(name in body)) continue;
    const field = body[name];
    if (field === null || typeof field === 'string') patch[name] = field;
    else errors[name] = 'must be a string';
  }
  if ('date_of_birth' in body) {
    const dob = body.date_of_birth;
    if (dob === null || (typeof dob === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(dob))) patch.date_of_birth = dob;
    else errors.date_of_birth = 'is not a valid date';
  }
  if ('accepted_privacy_policy' in body) {
    const accepted = body.accepted_privacy_policy;
    if (accepted === null || typeof accepted === 'boolean') patch.accepted_privacy_policy = accepted;
    else errors.accepted_privacy_policy = 'must be true, false or null';
  }
  if ('patient_phone_numbers' in body) {
    const phones = phoneNumbers(body.patient_phone_numbers);
    if (phones) patch.patient_phone_numbers = phones;
    else errors.patient_phone_numbers = 'must be a list of {phone_type, number}';
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return patch;
}

function phoneNumbers(value: unknown): PhoneNumber[] | null {
  if (value === null) return [];
  if (!Array.isArray(value)) return null;
  const phones: PhoneNumber[] = [];
  for (const item of value as unknown[]) {
    const entry = item as Partial<Record<string, unknown>> | null;
    const type = entry?.phone_type;
    const number = entry?.number;
    if (typeof number !== 'string' || !PHONE_TYPES.includes(type as PhoneType)) return null;
    phones.push({ phone_type: type as PhoneType, number });
  }
  return phones;
}

/** Ids may come as strings or numbers (numbers above 2^53 arrive already corrupted, as they would upstream). */
function idValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value).toString();
  return undefined;
}

export function appointmentPatch(value: unknown): AppointmentPatch {
  const body = asBody(value);
  const patch: AppointmentPatch = {};
  const errors: Record<string, string> = {};
  for (const name of ['patient_id', 'practitioner_id', 'appointment_type_id', 'business_id'] as const) {
    if (!(name in body)) continue;
    const id = idValue(body[name]);
    if (id === undefined) errors[name] = 'must be an id';
    else patch[name] = id;
  }
  for (const name of ['starts_at', 'ends_at', 'notes'] as const) {
    if (!(name in body)) continue;
    const field = body[name];
    if (typeof field === 'string' || (field === null && name !== 'starts_at')) patch[name] = field as string;
    else errors[name] = 'must be a string';
  }
  for (const name of ['did_not_arrive', 'patient_arrived'] as const) {
    if (!(name in body)) continue;
    if (typeof body[name] === 'boolean') patch[name] = body[name];
    else errors[name] = 'must be true or false';
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return patch;
}
