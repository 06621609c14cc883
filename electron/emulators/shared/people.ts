import { FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES, STREET_KINDS, STREET_NAMES } from './names';
import type { Prng } from './prng';
import { DAY_MS, utcDate } from './time';

export interface Person {
  firstName: string;
  lastName: string;
  sex: 'Female' | 'Male';
  /** YYYY-MM-DD, or null when the clinic never recorded it. */
  dateOfBirth: string | null;
  /** Unique (case-insensitively) across the practice, or null when missing. */
  email: string | null;
}

export interface PersonRates {
  missingEmail: number;
  missingBirthDate: number;
}

// Ages skew to adults, as in allied-health practices; children and the very old are rarer.
const AGE_BANDS: readonly (readonly [readonly [number, number], number])[] = [
  [[1, 12], 7],
  [[13, 17], 6],
  [[18, 34], 28],
  [[35, 54], 31],
  [[55, 74], 20],
  [[75, 96], 8],
];

/** Generates people with realistic names, ages and unique email addresses. */
export class PersonGenerator {
  private readonly usedEmails = new Set<string>();

  constructor(
    private readonly prng: Prng,
    private readonly emailDomains: readonly string[],
  ) {}

  person(nowMs: number, rates: PersonRates): Person {
    const sex = this.prng.chance(0.55) ? 'Female' : 'Male';
    const firstName = this.prng.pick(sex === 'Female' ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES);
    const lastName = this.prng.pick(LAST_NAMES);
    return {
      firstName,
      lastName,
      sex,
      dateOfBirth: this.prng.chance(rates.missingBirthDate) ? null : this.birthDate(nowMs),
      email: this.prng.chance(rates.missingEmail) ? null : this.uniqueEmail(firstName, lastName),
    };
  }

  birthDate(nowMs: number): string {
    const [min, max] = this.prng.weighted(AGE_BANDS);
    const ageDays = this.prng.int(min * 365, max * 365 + 364);
    return utcDate(nowMs - ageDays * DAY_MS);
  }

  /** An address built from the person's name that no one else in the practice has. */
  uniqueEmail(firstName: string, lastName: string, domain = this.prng.pick(this.emailDomains)): string {
    const first = emailSafe(firstName);
    const last = emailSafe(lastName);
    const local = this.prng.pick([
      `${first}.${last}`,
      `${first}${last}`,
      `${first.slice(0, 1)}.${last}`,
      `${first}_${last}`,
      `${first}.${last}${this.prng.int(60, 99)}`,
    ]);
    let candidate = `${local}@${domain}`;
    for (let n = 2; this.usedEmails.has(candidate); n++) candidate = `${local}${n}@${domain}`;
    this.usedEmails.add(candidate);
    return candidate;
  }

  /** Records an address chosen outside the generator, so generated ones never collide with it. */
  claimEmail(email: string | null): void {
    if (email) this.usedEmails.add(email.toLowerCase());
  }
}

function emailSafe(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export function streetAddress(prng: Prng): string {
  return `${prng.int(1, 240)} ${prng.pick(STREET_NAMES)} ${prng.pick(STREET_KINDS)}`;
}

/** An Australian mobile number as clinics type it: 0412 345 678. */
export function australianMobile(prng: Prng): string {
  return `04${prng.int(0, 9)}${prng.int(0, 9)} ${prng.int(100, 999)} ${prng.int(100, 999)}`;
}

/** An Australian landline with its area code: (03) 9123 4567. */
export function australianLandline(prng: Prng): string {
  return `(0${prng.pick([2, 3, 7, 8])}) ${prng.int(5000, 9999)} ${prng.int(1000, 9999)}`;
}

const US_AREA_CODES = [212, 303, 312, 404, 415, 503, 512, 602, 617, 646, 702, 718, 720, 786, 813, 919];

/** A North American number in the (222) 222-2222 format IntakeQ shows. */
export function usPhone(prng: Prng): string {
  return `(${prng.pick(US_AREA_CODES)}) ${prng.int(201, 989)}-${prng.int(1000, 9999)}`;
}
