import { describe, expect, it } from 'vitest';
import { buildClinikoDataset } from '../../../electron/emulators/cliniko/dataset';
import { buildIntakeqDataset } from '../../../electron/emulators/intakeq/dataset';

const DAY_MS = 86_400_000;
const ANCHOR = Date.parse('2026-03-10T02:07:30Z');
// Another date the tests might have run on, a whole number of weeks later: same weekday, same time of day.
const LATER = ANCHOR + 39 * 7 * DAY_MS;

/**
 * The dataset as seen from its anchor: every instant, calendar date and time-ordered id moved back by
 * `shiftMs`. Two practices built `shiftMs` apart must then be equal, field for field.
 */
function movedBack(value: unknown, shiftMs: number, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => movedBack(item, shiftMs));
  // An IntakeQ invoice id is random hex, not a time-ordered ObjectId.
  if (key === 'invoice') return value;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, movedBack(item, shiftMs, name)]));
  }
  // Instants and IntakeQ's birth dates are epoch milliseconds: createdAt, startsAt, DateOfBirth, …
  if (typeof value === 'number' && /(At|DateOfBirth)$/.test(key)) return value - shiftMs;
  if (typeof value !== 'string') return value;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(Date.parse(value) - shiftMs).toISOString().slice(0, 10);
  // Cliniko's 64-bit ids carry their creation time above 22 random bits.
  if (/^\d{16,19}$/.test(value)) return (BigInt(value) - (BigInt(shiftMs) << 22n)).toString();
  // IntakeQ's ObjectIds start with their creation second in hex.
  if (/^[0-9a-f]{24}$/.test(value)) {
    const seconds = parseInt(value.slice(0, 8), 16) - shiftMs / 1000;
    return seconds.toString(16).padStart(8, '0') + value.slice(8);
  }
  return value;
}

function clinikoPractice(nowMs: number, timeZone: string) {
  const { store } = buildClinikoDataset({ patients: 300, seed: 4, nowMs, timeZone });
  const { patients, appointments, practitioners, appointmentTypes, businesses, user } = store;
  return { patients, appointments, practitioners, appointmentTypes, businesses, user };
}

function intakeqPractice(nowMs: number, timeZone: string) {
  const { store } = buildIntakeqDataset({ patients: 300, seed: 4, nowMs, timeZone });
  const { clients, appointments, practitioners, services, locations, packages } = store;
  return { clients, appointments, practitioners, services, locations, packages };
}

describe('an emulated practice anchored at an injected clock', () => {
  it.each([
    ['Cliniko', clinikoPractice],
    ['IntakeQ', intakeqPractice],
  ] as const)('%s: built at two dates, holds the same people and visits at the same distance from its anchor', (_, build) => {
    const early = build(ANCHOR, 'UTC');
    const late = build(LATER, 'UTC');
    expect(late).not.toEqual(early);
    expect(movedBack(late, LATER - ANCHOR)).toEqual(early);
  });

  it.each([
    ['Cliniko', clinikoPractice, 'Australia/Melbourne'],
    ['IntakeQ', intakeqPractice, 'America/New_York'],
  ] as const)('%s: in a zone with daylight saving, keeps the same people and as many visits', (_, build, zone) => {
    // Visits keep their local business hours, so where daylight saving falls moves some of them in UTC.
    const early = build(ANCHOR, zone);
    const late = build(LATER, zone);
    const people = (practice: ReturnType<typeof build>, shiftMs: number) =>
      ('patients' in practice ? practice.patients : practice.clients).map((p) => movedBack(p.fields, shiftMs));
    expect(people(late, LATER - ANCHOR)).toEqual(people(early, 0));
    expect(late.appointments).toHaveLength(early.appointments.length);
  });
});
