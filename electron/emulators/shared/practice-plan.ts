import { CANCELLATION_WEIGHTS, SERVICE_WEIGHTS, SERVICES } from './catalog';
import type { Person, PersonGenerator } from './people';
import type { Prng } from './prng';
import { DAY_MS, MINUTE_MS } from './time';
import type { ZoneCalendar } from './time-zone';

/**
 * The API-neutral shape of a seeded practice: who the practitioners and patients are and what
 * happened to every appointment. Each emulator turns this plan into its own records.
 */
export type Outcome = 'booked' | 'unconfirmed' | 'arrived' | 'no_show' | 'cancelled' | 'declined';

export interface PlannedPractitioner {
  person: Person;
  createdAt: number;
  /** When they stopped practising here; null while active. */
  inactiveSince: number | null;
  location: number;
}

export interface PlannedPatient {
  person: Person;
  createdAt: number;
  updatedAt: number;
  archivedAt: number | null;
}

export interface PlannedAppointment {
  patient: number;
  practitioner: number;
  service: number;
  location: number;
  startsAt: number;
  endsAt: number;
  createdAt: number;
  updatedAt: number;
  outcome: Outcome;
  cancelledAt: number | null;
  /** Index into CANCELLATION_REASONS when cancelled. */
  cancellationReason: number | null;
}

export interface PracticePlan {
  locations: number;
  practitioners: PlannedPractitioner[];
  patients: PlannedPatient[];
  appointments: PlannedAppointment[];
}

export interface PlanInput {
  patients: number;
  nowMs: number;
  zone: ZoneCalendar;
  people: PersonGenerator;
  practitionerEmailDomain: string;
}

/** Practitioners, and the indexes of those still practising. */
interface Staff {
  all: readonly PlannedPractitioner[];
  active: readonly number[];
}

const HISTORY_DAYS = 2190;
const WINDOW_DAYS = 180;

export function planPractice(prng: Prng, input: PlanInput): PracticePlan {
  const locations = input.patients < 200 ? 1 : input.patients < 5000 ? 2 : 3;
  const practitioners = planPractitioners(prng, input, locations);
  const staff: Staff = { all: practitioners, active: practitioners.flatMap((p, index) => (p.inactiveSince === null ? [index] : [])) };
  const patients: PlannedPatient[] = [];
  const appointments: PlannedAppointment[] = [];
  for (let index = 0; index < input.patients; index++) {
    // Each patient draws from a stream of their own: where the local calendar (a Sunday, a change of
    // daylight saving) moves one visit, the patients after them stay as they were.
    const own = prng.fork(index);
    const { patient, archive } = planPatient(own, input);
    const lastVisitEnd = planPatientAppointments(own, input, staff, index, patient, archive, appointments);
    if (archive) {
      // Archived after their last visit; archiving is itself an edit.
      patient.archivedAt = lastVisitEnd + Math.floor(own.next() * (input.nowMs - lastVisitEnd));
      patient.updatedAt = patient.archivedAt;
    }
    patients.push(patient);
  }
  return { locations, practitioners, patients, appointments };
}

function planPractitioners(prng: Prng, input: PlanInput, locations: number): PlannedPractitioner[] {
  const count = Math.max(3, Math.round(input.patients / 100));
  const inactive = count >= 4 ? Math.max(1, Math.round(count * 0.08)) : 0;
  const list: PlannedPractitioner[] = [];
  for (let i = 0; i < count; i++) {
    const person = input.people.person(input.nowMs, { missingEmail: 0, missingBirthDate: 0 });
    person.email = input.people.uniqueEmail(person.firstName, person.lastName, input.practitionerEmailDomain);
    list.push({
      person,
      createdAt: input.nowMs - prng.int(200, HISTORY_DAYS + 200) * DAY_MS - prng.int(0, 86_399) * 1000,
      inactiveSince: i >= count - inactive ? input.nowMs - prng.int(20, 150) * DAY_MS : null,
      location: i % locations,
    });
  }
  return list;
}

function planPatient(prng: Prng, input: PlanInput): { patient: PlannedPatient; archive: boolean } {
  const { nowMs } = input;
  const person = input.people.person(nowMs, { missingEmail: 0.07, missingBirthDate: 0.02 });
  const recent = prng.chance(0.15);
  const ageDays = recent ? prng.int(1, WINDOW_DAYS) : prng.int(WINDOW_DAYS + 1, HISTORY_DAYS);
  const createdAt = nowMs - ageDays * DAY_MS - prng.int(0, 86_399) * 1000;
  const archive = !recent && prng.chance(0.03);
  const edited = prng.chance(0.6);
  const updatedAt = edited ? createdAt + Math.floor(prng.next() * (nowMs - createdAt)) : createdAt;
  return { patient: { person, createdAt, updatedAt, archivedAt: null }, archive };
}

/** Plans one patient's visits and returns when the last one ends (or when they were created, if none). */
function planPatientAppointments(
  prng: Prng,
  input: PlanInput,
  staff: Staff,
  patientIndex: number,
  patient: PlannedPatient,
  archived: boolean,
  out: PlannedAppointment[],
): number {
  const { nowMs } = input;
  const from = Math.max(patient.createdAt, nowMs - WINDOW_DAYS * DAY_MS);
  const until = archived ? nowMs - 7 * DAY_MS : nowMs + WINDOW_DAYS * DAY_MS;
  const mainPractitioner = prng.int(0, staff.all.length - 1);
  let lastEnd = patient.createdAt;
  const count = archived ? prng.int(1, 3) : prng.int(2, 4);
  for (let i = 0; i < count && from < until; i++) {
    const startsAt = businessHoursSlot(prng, input.zone, from, until);
    const practitioner = choosePractitioner(prng, staff, mainPractitioner, startsAt);
    const service = prng.weighted(SERVICE_WEIGHTS);
    const endsAt = startsAt + (SERVICES[service]?.durationMinutes ?? 30) * MINUTE_MS;
    const lead = prng.int(60, 45 * 24 * 60) * MINUTE_MS;
    const createdAt = Math.max(patient.createdAt, Math.min(startsAt - lead, nowMs - prng.int(1, 600) * MINUTE_MS));
    const appointment = withOutcome(prng, nowMs, {
      patient: patientIndex,
      practitioner,
      service,
      location: staff.all[practitioner]?.location ?? 0,
      startsAt,
      endsAt,
      createdAt,
    });
    lastEnd = Math.max(lastEnd, endsAt);
    out.push(appointment);
  }
  return lastEnd;
}

/** A 15-minute slot between 08:00 and 17:45 local time, Monday to Saturday. */
function businessHoursSlot(prng: Prng, zone: ZoneCalendar, from: number, until: number): number {
  for (;;) {
    const day = new Date(zone.localDate(from + Math.floor(prng.next() * (until - from))));
    if (day.getUTCDay() === 0) continue;
    const start = zone.toUtc(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), prng.int(8, 17), prng.pick([0, 15, 30, 45]));
    if (start >= from && start <= until) return start;
  }
}

function choosePractitioner(prng: Prng, staff: Staff, main: number, startsAt: number): number {
  const preferred = prng.chance(0.8) ? main : prng.int(0, staff.all.length - 1);
  const inactiveSince = staff.all[preferred]?.inactiveSince ?? null;
  return inactiveSince === null || startsAt < inactiveSince ? preferred : prng.pick(staff.active);
}

type Unfinished = Pick<PlannedAppointment, 'patient' | 'practitioner' | 'service' | 'location' | 'startsAt' | 'endsAt' | 'createdAt'>;

function withOutcome(prng: Prng, nowMs: number, base: Unfinished): PlannedAppointment {
  const past = base.endsAt < nowMs;
  const outcome: Outcome = past
    ? prng.weighted<Outcome>([
        ['arrived', 75],
        ['booked', 10],
        ['cancelled', 9],
        ['no_show', 5],
        ['declined', 1],
      ])
    : prng.weighted<Outcome>([
        ['booked', 81],
        ['unconfirmed', 12],
        ['cancelled', 6],
        ['declined', 1],
      ]);
  const settledBy = Math.min(base.startsAt, nowMs);
  let cancelledAt: number | null = null;
  let updatedAt = prng.chance(0.3) ? base.createdAt + Math.floor(prng.next() * (settledBy - base.createdAt)) : base.createdAt;
  if (outcome === 'cancelled') {
    cancelledAt = base.createdAt + Math.floor(prng.next() * (settledBy - base.createdAt));
    updatedAt = cancelledAt;
  } else if (outcome === 'arrived' || outcome === 'no_show') {
    updatedAt = Math.min(nowMs, base.endsAt + prng.int(0, 180) * MINUTE_MS);
  }
  return {
    ...base,
    outcome,
    cancelledAt,
    cancellationReason: outcome === 'cancelled' ? prng.weighted(CANCELLATION_WEIGHTS) : null,
    updatedAt,
  };
}

/** Planned records with their plan index, oldest first: the order in which ids are issued. */
export function byCreation<T extends { createdAt: number }>(planned: readonly T[]): [T, number][] {
  return planned.map((item, index): [T, number] => [item, index]).sort((a, b) => a[0].createdAt - b[0].createdAt);
}

/** A slot for a new booking: 09:00 to 16:45 local time, 1 to 21 days ahead. */
export function upcomingSlot(prng: Prng, zone: ZoneCalendar, nowMs: number): number {
  const day = new Date(zone.localDate(nowMs) + prng.int(1, 21) * DAY_MS);
  return zone.toUtc(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), prng.int(9, 16), prng.pick([0, 15, 30, 45]));
}
