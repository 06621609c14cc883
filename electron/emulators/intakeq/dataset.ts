import { CANCELLATION_REASONS, SERVICES } from '../shared/catalog';
import { PersonGenerator } from '../shared/people';
import { byCreation, planPractice, type Outcome, type PlannedAppointment } from '../shared/practice-plan';
import { Prng } from '../shared/prng';
import { MINUTE_MS } from '../shared/time';
import { ZoneCalendar } from '../shared/time-zone';
import { generateClientFields } from './client-fields';
import { objectId } from './ids';
import { telehealth } from './telehealth';
import type { AppointmentRow, AppointmentStatus, LocationRow, PackageRow, PractitionerRow, ServiceRow } from './model';
import { IntakeqStore } from './store';

export interface DatasetInput {
  patients: number;
  seed: number;
  nowMs: number;
  timeZone: string;
}

export interface IntakeqDataset {
  store: IntakeqStore;
  /** Keeps generating people whose emails do not collide with the seeded ones. */
  people: PersonGenerator;
}

const LOCATIONS: readonly LocationRow[] = [
  { id: '1', name: 'Midtown Office', address: '1200 Broadway, Suite 400, New York, NY 10001' },
  { id: '2', name: 'Brooklyn Office', address: '55 Court Street, Brooklyn, NY 11201' },
  { id: '3', name: 'Hoboken Office', address: '100 Washington Street, Hoboken, NJ 07030' },
];
const CLIENT_EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org', 'mail.example.com'];
const STATUS_OF: Record<Outcome, AppointmentStatus> = {
  booked: 'Confirmed',
  unconfirmed: 'WaitingConfirmation',
  arrived: 'Confirmed',
  no_show: 'Missed',
  cancelled: 'Canceled',
  declined: 'Declined',
};
const SOFT_DELETE_DAYS = 20;

/** Builds the seeded IntakeQ practice: same input, same practice. */
export function buildIntakeqDataset(input: DatasetInput): IntakeqDataset {
  const root = new Prng(input.seed);
  const people = new PersonGenerator(root.fork(1), CLIENT_EMAIL_DOMAINS);
  const zone = new ZoneCalendar(input.timeZone);
  const plan = planPractice(root.fork(2), {
    patients: input.patients,
    nowMs: input.nowMs,
    zone,
    people,
    practitionerEmailDomain: 'brightpath.example',
  });
  const prng = root.fork(3);

  const services: ServiceRow[] = SERVICES.map((s) => ({
    id: prng.guid(),
    name: s.name,
    durationMinutes: s.durationMinutes,
    price: s.price * 1.5,
    telehealth: s.telehealth,
  }));
  const packages: PackageRow[] = [
    { id: prng.guid(), name: '5-Session Pack' },
    { id: prng.guid(), name: '10-Session Pack' },
  ];
  const practitionerIdOf: string[] = [];
  const practitioners: PractitionerRow[] = byCreation(plan.practitioners).map(([planned, index]) => {
    const id = objectId(prng, planned.createdAt);
    practitionerIdOf[index] = id;
    return {
      id,
      firstName: planned.person.firstName,
      lastName: planned.person.lastName,
      email: planned.person.email ?? '',
      createdAt: planned.createdAt,
      inactive: planned.inactiveSince !== null,
    };
  });
  const store = new IntakeqStore(practitioners, services, LOCATIONS.slice(0, plan.locations), packages, input.timeZone);

  const mainPractitioner = new Map<number, string>();
  for (const planned of plan.appointments)
    if (!mainPractitioner.has(planned.patient)) mainPractitioner.set(planned.patient, practitionerIdOf[planned.practitioner] ?? '');
  const clientIdOf: number[] = [];
  for (const [planned, index] of byCreation(plan.patients)) {
    const clientId = store.nextClientId();
    clientIdOf[index] = clientId;
    const fields = generateClientFields(prng, planned.person, mainPractitioner.get(index) ?? null);
    fields.Archived = planned.archivedAt !== null;
    const deletedAt = prng.chance(0.003) ? softDeletionTime(prng, input.nowMs, planned.updatedAt) : null;
    store.insertClient({
      clientId,
      guid: prng.guid(),
      fields,
      createdAt: planned.createdAt,
      updatedAt: deletedAt ?? planned.updatedAt,
      deletedAt,
    });
  }
  for (const [planned] of byCreation(plan.appointments)) {
    const clientId = clientIdOf[planned.patient];
    const practitionerId = practitionerIdOf[planned.practitioner];
    const service = services[planned.service];
    const location = store.locations[planned.location];
    if (clientId === undefined || !practitionerId || !service || !location) throw new Error('Practice plan refers to a missing record');
    store.insertAppointment(
      appointmentRow(prng, store, input.nowMs, planned, { clientId, practitionerId, service, locationId: location.id }),
    );
  }
  store.version = 0;
  return { store, people };
}

/** Soft deletions from the last 20 days, so deletedOnly (ten days) finds some and misses others. */
function softDeletionTime(prng: Prng, nowMs: number, notBefore: number): number {
  return Math.max(notBefore, nowMs - prng.int(1, SOFT_DELETE_DAYS * 24 * 60) * MINUTE_MS);
}

interface AppointmentLinks {
  clientId: number;
  practitionerId: string;
  service: ServiceRow;
  locationId: string;
}

function appointmentRow(
  prng: Prng,
  store: IntakeqStore,
  nowMs: number,
  planned: PlannedAppointment,
  links: AppointmentLinks,
): AppointmentRow {
  const status = STATUS_OF[planned.outcome];
  const cancelled = status === 'Canceled';
  const bookedByClient = prng.chance(0.3);
  const practitioner = store.practitioner(links.practitionerId);
  const deletedAt = prng.chance(0.004) ? softDeletionTime(prng, nowMs, planned.updatedAt) : null;
  return {
    id: objectId(prng, planned.createdAt),
    clientId: links.clientId,
    practitionerId: links.practitionerId,
    serviceId: links.service.id,
    locationId: links.locationId,
    status,
    startsAt: planned.startsAt,
    durationMinutes: links.service.durationMinutes,
    price: links.service.price,
    reminderType: prng.weighted([
      ['Sms', 5],
      ['Email', 4],
      ['Voice', 1],
      ['OptOut', 1],
    ] as const),
    bookedByClient,
    createdBy: bookedByClient ? 'Client' : `${practitioner?.firstName ?? ''} ${practitioner?.lastName ?? ''}`.trim(),
    clientNote: bookedByClient && prng.chance(0.2) ? 'Looking forward to it' : null,
    practitionerNote: prng.chance(0.1) ? 'Review progress since last session' : null,
    intakeId: prng.chance(0.35) ? prng.guid() : null,
    packageId: prng.chance(0.05) ? prng.pick(store.packages).id : null,
    invoice: planned.outcome === 'arrived' && prng.chance(0.6) ? { id: prng.hex(24), number: store.invoiceNumber() } : null,
    telehealth: links.service.telehealth ? telehealth(prng) : null,
    cancelledAt: cancelled ? planned.cancelledAt : null,
    cancellationReason: cancelled ? (CANCELLATION_REASONS[planned.cancellationReason ?? 5]?.label ?? 'Other') : null,
    cancellationNote: cancelled && prng.chance(0.3) ? 'Called the office' : null,
    createdAt: planned.createdAt,
    updatedAt: deletedAt ?? planned.updatedAt,
    deletedAt,
  };
}
