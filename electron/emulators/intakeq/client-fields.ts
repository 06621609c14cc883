import type { Person } from '../shared/people';
import { usPhone, streetAddress } from '../shared/people';
import type { Prng } from '../shared/prng';
import { parseDateOnly } from '../shared/time';
import type { ClientFields } from './model';

const PLACES: readonly (readonly [string, string, string, string])[] = [
  ['New York', 'New York', 'NY', '10001'],
  ['New York', 'New York', 'NY', '10025'],
  ['Brooklyn', 'New York', 'NY', '11201'],
  ['Queens', 'New York', 'NY', '11375'],
  ['Yonkers', 'New York', 'NY', '10701'],
  ['Jersey City', 'New Jersey', 'NJ', '07302'],
  ['Hoboken', 'New Jersey', 'NJ', '07030'],
  ['Stamford', 'Connecticut', 'CT', '06901'],
];
const INSURERS = ['Aetna', 'Cigna', 'UnitedHealthcare', 'Empire BlueCross BlueShield', 'Oxford Health Plans'];
const REFERRALS = ['Physician referral', 'Psychology Today', 'Google', 'Friend or family', 'Insurance directory'];

/** A realistic client profile for a generated person; some details missing, as in real practices. */
export function generateClientFields(prng: Prng, person: Person, practitionerId: string | null): ClientFields {
  const phone = prng.chance(0.9) ? usPhone(prng) : null;
  const place = prng.chance(0.85) ? prng.pick(PLACES) : null;
  const insured = prng.chance(0.55);
  return {
    ...blankClientFields(),
    FirstName: person.firstName,
    LastName: person.lastName,
    Email: person.email,
    Phone: phone,
    MobilePhone: phone && prng.chance(0.6) ? phone : null,
    HomePhone: prng.chance(0.15) ? usPhone(prng) : null,
    Gender: person.sex,
    MaritalStatus: prng.chance(0.5) ? prng.pick(['Single', 'Married', 'Divorced', 'Widowed']) : null,
    DateOfBirth: person.dateOfBirth === null ? null : parseDateOnly(person.dateOfBirth),
    StreetAddress: place ? streetAddress(prng) : null,
    City: place?.[0] ?? null,
    State: place?.[1] ?? null,
    StateShort: place?.[2] ?? null,
    PostalCode: place?.[3] ?? null,
    Country: place ? 'USA' : null,
    PractitionerId: practitionerId,
    BillingType: insured ? 'Insurance' : 'Self-pay',
    PrimaryInsuranceCompany: insured ? prng.pick(INSURERS) : null,
    PrimaryInsurancePolicyNumber: insured ? `${prng.alphanumeric(3).toUpperCase()}${prng.int(10_000_000, 99_999_999)}` : null,
    PrimaryInsuranceRelationship: insured ? 'Self' : null,
    Tags: prng.chance(0.2) ? [prng.pick(['New client', 'Sliding scale', 'Evening only', 'Couples'])] : [],
    CustomFields: prng.chance(0.6) ? [{ FieldId: 'ref', Text: 'Referral source', Value: prng.pick(REFERRALS) }] : [],
  };
}

/** What a full-replace POST /clients leaves in the fields it does not send. */
export function blankClientFields(): ClientFields {
  return {
    FirstName: '',
    LastName: '',
    MiddleName: null,
    Email: null,
    Phone: null,
    HomePhone: null,
    WorkPhone: null,
    MobilePhone: null,
    Gender: null,
    MaritalStatus: null,
    DateOfBirth: null,
    UnitNumber: null,
    StreetAddress: null,
    City: null,
    State: null,
    StateShort: null,
    PostalCode: null,
    Country: null,
    PractitionerId: null,
    ExternalClientId: null,
    AdditionalInformation: null,
    BillingType: null,
    PrimaryInsuranceCompany: null,
    PrimaryInsurancePolicyNumber: null,
    PrimaryInsuranceGroupNumber: null,
    PrimaryInsuranceHolderName: null,
    PrimaryInsuranceRelationship: null,
    PrimaryInsuranceHolderDateOfBirth: null,
    Archived: false,
    Tags: [],
    CustomFields: [],
  };
}
