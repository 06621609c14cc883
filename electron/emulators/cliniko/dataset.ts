import { CANCELLATION_REASONS, SERVICES } from '../shared/catalog';
import { PersonGenerator } from '../shared/people';
import { byCreation, planPractice, type PlannedAppointment } from '../shared/practice-plan';
import { Prng } from '../shared/prng';
import { DAY_MS, MINUTE_MS } from '../shared/time';
import { ZoneCalendar } from '../shared/time-zone';
import { IdSequence } from './ids';
import type { AppointmentRow, AppointmentTypeRow, BusinessRow, PractitionerRow, UserRow } from './model';
import { generatePatientFields } from './patient-fields';
import { ClinikoStore } from './store';

export interface DatasetInput {
  patients: number;
  seed: number;
  nowMs: number;
  timeZone: string;
}

const SITES = [
  { name: 'Harbourside Health', address1: '12 Station Street', city: 'Melbourne', state: 'VIC', postCode: '3000' },
  { name: 'Harbourside Health Richmond', address1: '220 Swan Street', city: 'Richmond', state: 'VIC', postCode: '3121' },
  { name: 'Harbourside Health Geelong', address1: '75 Moorabool Street', city: 'Geelong', state: 'VIC', postCode: '3220' },
];
const DESIGNATIONS = [
  'Physiotherapist',
  'Osteopath',
  'Psychologist',
  'Dietitian',
  'Occupational Therapist',
  'Podiatrist',
  'Exercise Physiologist',
];
const PATIENT_EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org', 'mail.example.com'];
// Ids older than this look like pre-2020 au1 ids: small numbers.
const LEGACY_AGE_DAYS = 2100;

export interface ClinikoDataset {
  store: ClinikoStore;
  /** Keeps generating people whose emails do not collide with the seeded ones. */
  people: PersonGenerator;
}

/** Builds the seeded Cliniko practice: same input, same practice. */
export function buildClinikoDataset(input: DatasetInput): ClinikoDataset {
  const root = new Prng(input.seed);
  const people = new PersonGenerator(root.fork(1), PATIENT_EMAIL_DOMAINS);
  const zone = new ZoneCalendar(input.timeZone);
  const plan = planPractice(root.fork(2), {
    patients: input.patients,
    nowMs: input.nowMs,
    zone,
    people,
    practitionerEmailDomain: 'harbourside.example',
  });
  const prng = root.fork(3);
  const idPrng = root.fork(4);
  const sequence = (): IdSequence => new IdSequence(idPrng, input.nowMs - LEGACY_AGE_DAYS * DAY_MS);
  const setupIds = sequence();
  const practiceBorn = input.nowMs - (LEGACY_AGE_DAYS + 300) * DAY_MS;

  const types: AppointmentTypeRow[] = SERVICES.map((service, i) => {
    const createdAt = practiceBorn + i * MINUTE_MS;
    return {
      id: setupIds.next(createdAt),
      createdAt,
      updatedAt: createdAt,
      name: service.name,
      category: service.category,
      color: service.color,
      durationMinutes: service.durationMinutes,
      telehealthEnabled: service.telehealth,
      showInOnlineBookings: true,
      archivedAt: null,
    };
  });
  const retiredAt = practiceBorn + 400 * DAY_MS;
  types.push({
    id: setupIds.next(practiceBorn + DAY_MS),
    createdAt: practiceBorn + DAY_MS,
    updatedAt: retiredAt,
    name: 'Group Pilates (retired)',
    category: 'Classes',
    color: '#777777',
    durationMinutes: 45,
    telehealthEnabled: false,
    showInOnlineBookings: false,
    archivedAt: retiredAt,
  });

  const businesses: BusinessRow[] = SITES.slice(0, plan.locations).map((site, i) => {
    const createdAt = practiceBorn + (i * 200 + 2) * DAY_MS;
    return {
      id: setupIds.next(createdAt),
      createdAt,
      updatedAt: createdAt,
      ...site,
      timeZoneIdentifier: input.timeZone,
      appointmentTypeIds: types.filter((t) => t.archivedAt === null).map((t) => t.id),
      archivedAt: null,
    };
  });

  const owner = people.person(input.nowMs, { missingEmail: 0, missingBirthDate: 0 });
  const userIds = sequence();
  const user: UserRow = {
    id: userIds.next(practiceBorn),
    createdAt: practiceBorn,
    updatedAt: practiceBorn,
    firstName: owner.firstName,
    lastName: owner.lastName,
    email: people.uniqueEmail(owner.firstName, owner.lastName, 'harbourside.example'),
    role: 'Administrator',
  };

  const practitionerIds = sequence();
  const practitionerIdOf: string[] = [];
  const practitioners: PractitionerRow[] = byCreation(plan.practitioners).map(([planned, index]) => {
    const id = practitionerIds.next(planned.createdAt);
    practitionerIdOf[index] = id;
    return {
      id,
      userId: userIds.next(planned.createdAt),
      createdAt: planned.createdAt,
      updatedAt: planned.inactiveSince ?? planned.createdAt,
      firstName: planned.person.firstName,
      lastName: planned.person.lastName,
      title: prng.chance(0.3) ? 'Dr' : null,
      designation: prng.pick(DESIGNATIONS),
      active: planned.inactiveSince === null,
      showInOnlineBookings: planned.inactiveSince === null,
    };
  });

  const ids = { patients: sequence(), appointments: sequence(), attendees: sequence() };
  const store = new ClinikoStore(user, practitioners, types, businesses, ids, 'https://harbourside.cliniko.com');
  const patientIdOf: string[] = [];
  for (const [planned, index] of byCreation(plan.patients)) {
    const id = ids.patients.next(planned.createdAt);
    patientIdOf[index] = id;
    store.insertPatient({
      id,
      fields: generatePatientFields(prng, planned.person),
      createdAt: planned.createdAt,
      updatedAt: planned.updatedAt,
      archivedAt: planned.archivedAt,
      deletedAt: null,
    });
  }
  for (const [planned] of byCreation(plan.appointments)) {
    const patientId = patientIdOf[planned.patient];
    const practitionerId = practitionerIdOf[planned.practitioner];
    const appointmentTypeId = types[planned.service]?.id;
    const businessId = businesses[planned.location]?.id;
    if (!patientId || !practitionerId || !appointmentTypeId || !businessId) throw new Error('Practice plan refers to a missing record');
    store.insertAppointment(appointmentRow(prng, store, planned, { patientId, practitionerId, appointmentTypeId, businessId }));
  }
  store.version = 0;
  return { store, people };
}

type AppointmentLinks = Pick<AppointmentRow, 'patientId' | 'practitionerId' | 'appointmentTypeId' | 'businessId'>;

function appointmentRow(prng: Prng, store: ClinikoStore, planned: PlannedAppointment, links: AppointmentLinks): AppointmentRow {
  const cancelled = planned.outcome === 'cancelled' || planned.outcome === 'declined';
  const cancelledAt = cancelled ? (planned.cancelledAt ?? planned.updatedAt) : null;
  // A small share of past appointments are archived by staff tidying the diary.
  const archivedAt = planned.endsAt < planned.updatedAt && prng.chance(0.005) ? planned.updatedAt : null;
  return {
    id: store.ids.appointments.next(planned.createdAt),
    createdAt: planned.createdAt,
    updatedAt: planned.updatedAt,
    ...links,
    startsAt: planned.startsAt,
    endsAt: planned.endsAt,
    notes: prng.chance(0.1)
      ? prng.pick(['Prefers afternoon sessions', 'Bring previous scans', 'Parking validated at front desk', 'Interpreter requested'])
      : null,
    cancelledAt,
    cancellationReason: cancelled ? (CANCELLATION_REASONS[planned.cancellationReason ?? 5]?.code ?? 50) : null,
    cancellationNote: cancelled && prng.chance(0.3) ? 'Called the front desk' : null,
    didNotArrive: planned.outcome === 'no_show',
    patientArrived: planned.outcome === 'arrived',
    archivedAt,
    deletedAt: null,
    attendee: {
      id: store.ids.attendees.next(planned.createdAt),
      createdAt: planned.createdAt,
      updatedAt: planned.updatedAt,
      token: prng.alphanumeric(24),
    },
  };
}
