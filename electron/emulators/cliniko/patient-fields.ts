import { australianLandline, australianMobile, streetAddress, type Person } from '../shared/people';
import type { Prng } from '../shared/prng';
import type { PatientFields, PhoneNumber } from './model';

const SUBURBS: readonly (readonly [string, string, string])[] = [
  ['Melbourne', 'VIC', '3000'],
  ['Carlton', 'VIC', '3053'],
  ['Fitzroy', 'VIC', '3065'],
  ['Richmond', 'VIC', '3121'],
  ['Brunswick', 'VIC', '3056'],
  ['St Kilda', 'VIC', '3182'],
  ['Footscray', 'VIC', '3011'],
  ['Geelong', 'VIC', '3220'],
  ['Box Hill', 'VIC', '3128'],
  ['Dandenong', 'VIC', '3175'],
  ['Frankston', 'VIC', '3199'],
  ['Werribee', 'VIC', '3030'],
];
const OCCUPATIONS = [
  'Teacher',
  'Nurse',
  'Electrician',
  'Accountant',
  'Student',
  'Retired',
  'Chef',
  'Software Developer',
  'Labourer',
  'Carer',
];
const REFERRALS = ['GP referral', 'Google', 'Friend or family', 'Walk-in', 'Instagram', 'Returning patient'];

/** A realistic patient record for a generated person: phones, address and preferences, some missing. */
export function generatePatientFields(prng: Prng, person: Person): PatientFields {
  const phones: PhoneNumber[] = prng.chance(0.92) ? [{ phone_type: 'Mobile', number: australianMobile(prng) }] : [];
  if (prng.chance(0.2)) phones.push({ phone_type: 'Home', number: australianLandline(prng) });
  const suburb = prng.chance(0.85) ? prng.pick(SUBURBS) : null;
  return {
    first_name: person.firstName,
    last_name: person.lastName,
    preferred_first_name: null,
    title: prng.chance(0.4) ? (person.sex === 'Female' ? prng.pick(['Ms', 'Mrs', 'Miss']) : 'Mr') : null,
    email: person.email,
    date_of_birth: person.dateOfBirth,
    sex: person.sex,
    gender_identity: null,
    patient_phone_numbers: phones,
    address_1: suburb ? streetAddress(prng) : null,
    address_2: null,
    city: suburb?.[0] ?? null,
    state: suburb?.[1] ?? null,
    post_code: suburb?.[2] ?? null,
    country_code: suburb ? 'AU' : null,
    occupation: prng.chance(0.5) ? prng.pick(OCCUPATIONS) : null,
    emergency_contact: null,
    referral_source: prng.chance(0.6) ? prng.pick(REFERRALS) : null,
    notes: null,
    accepted_privacy_policy: prng.chance(0.7) ? true : null,
    reminder_type: prng.pick(['SMS & Email', 'SMS & Email', 'SMS', 'Email', 'None']),
    time_zone: null,
    old_reference_id: null,
  };
}

/** The fields a POST /patients body leaves out. */
export function blankPatientFields(): PatientFields {
  return {
    first_name: '',
    last_name: '',
    preferred_first_name: null,
    title: null,
    email: null,
    date_of_birth: null,
    sex: null,
    gender_identity: null,
    patient_phone_numbers: [],
    address_1: null,
    address_2: null,
    city: null,
    state: null,
    post_code: null,
    country_code: null,
    occupation: null,
    emergency_contact: null,
    referral_source: null,
    notes: null,
    accepted_privacy_policy: null,
    reminder_type: 'None',
    time_zone: null,
    old_reference_id: null,
  };
}
