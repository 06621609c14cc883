import { describe, expect, it } from 'vitest';
import type { RosterQuery } from '../../../electron/core/domain';
import { openTestCache, remoteAppointment, remotePatient, SOURCE, T0 } from './fixtures';

const NOW = '2025-06-05T12:00:00.000Z';

function clinic() {
  const opened = openTestCache();
  const { cache } = opened;
  cache.sources.add({ id: 'intakeq', kind: 'intakeq', name: 'IntakeQ', baseUrl: null, credentialRef: 'iq' }, T0);
  cache.patients.upsertPage(
    SOURCE,
    [
      remotePatient('1', {
        firstName: 'Jane',
        lastName: 'Smith',
        email: 'jane.smith@example.test',
        phone: '0412 345 678',
        dateOfBirth: '1990-03-01',
      }),
      remotePatient('2', {
        firstName: 'John',
        lastName: 'Smithers',
        email: 'jsmithers@example.test',
        phone: '(03) 9555 0101',
        dateOfBirth: null,
      }),
      remotePatient('3', {
        firstName: 'Aroha',
        lastName: 'Ngata',
        email: 'aroha@example.test',
        phone: '021 777 888',
        dateOfBirth: '1975-11-30',
        archived: true,
      }),
      remotePatient('4', { firstName: 'José', lastName: 'Álvarez', email: 'jose@example.test', phone: null, dateOfBirth: '2001-07-14' }),
    ],
    T0,
  );
  cache.patients.upsertPage(
    'intakeq',
    [{ ...remotePatient('a-1', { firstName: 'Mei', lastName: 'Chen', email: 'mei@example.test', phone: null }), source: 'intakeq' }],
    T0,
  );
  cache.appointments.upsertPage(
    SOURCE,
    [
      remoteAppointment('past', { patientExternalId: '1', startsAt: '2025-06-01T09:00:00Z', endsAt: null }),
      remoteAppointment('j-next', {
        patientExternalId: '1',
        startsAt: '2025-06-06T09:00:00Z',
        endsAt: null,
        telehealthUrl: 'https://meet.example.test/j',
      }),
      remoteAppointment('j-later', { patientExternalId: '1', startsAt: '2025-06-20T09:00:00Z', endsAt: null }),
      remoteAppointment('a-cancelled', { patientExternalId: '3', startsAt: '2025-06-06T08:00:00Z', endsAt: null, status: 'cancelled' }),
      remoteAppointment('a-next', {
        patientExternalId: '3',
        startsAt: '2025-06-09T08:00:00Z',
        endsAt: null,
        status: 'pending',
        practitionerName: 'Dr Liam Brown',
      }),
    ],
    T0,
    null,
  );
  const school = cache.organizations.create('Hillside School', T0);
  const clinicOrg = cache.organizations.create('Arcadia Trust', T0);
  const id = (externalId: string) => cache.patients.getByRemoteId(SOURCE, externalId)!.id;
  cache.organizations.link(id('1'), school.id, T0);
  cache.organizations.link(id('1'), clinicOrg.id, T0);
  cache.organizations.link(id('2'), school.id, T0);
  const query = (q: Partial<RosterQuery>) =>
    cache.roster.query({ sort: { field: 'name', dir: 'asc' }, offset: 0, limit: 50, nowIso: NOW, ...q });
  const names = (q: Partial<RosterQuery>) => query(q).rows.map((r) => r.lastName);
  return { ...opened, query, names, school };
}

describe('roster', () => {
  it('searches names, email and phone, each word matching somewhere', () => {
    const { names } = clinic();

    expect(names({ search: 'smi' })).toEqual(['Smith', 'Smithers']);
    expect(names({ search: 'jane smith' })).toEqual(['Smith']);
    expect(names({ search: 'JSMITHERS@' })).toEqual(['Smithers']);
    expect(names({ search: '0412345678' })).toEqual(['Smith']);
    expect(names({ search: '9555-0101' })).toEqual(['Smithers']);
    expect(names({ search: 'alvarez' })).toEqual(['Álvarez']);
    expect(names({ search: 'Me' })).toEqual(['Chen']);
    expect(names({ search: 'nobody-called-this' })).toEqual([]);
  });

  it('filters by source, organization, affiliation, archived and remote id', () => {
    const { cache, names, school } = clinic();
    cache.patients.addLocal(SOURCE, { firstName: 'Local', lastName: 'Only', email: null, phone: null, dateOfBirth: null }, T0);

    expect(names({ source: 'intakeq' })).toEqual(['Chen']);
    expect(names({ organizationId: school.id })).toEqual(['Smith', 'Smithers']);
    expect(names({ affiliated: false })).toEqual(['Álvarez', 'Chen', 'Ngata', 'Only']);
    expect(names({ archived: true })).toEqual(['Ngata']);
    expect(names({ hasRemoteId: false })).toEqual(['Only']);
    expect(names({ source: SOURCE, affiliated: true, search: 'smithers' })).toEqual(['Smithers']);
  });

  it('shows each patient’s next active appointment and filters on it', () => {
    const { query, names } = clinic();

    const [smith] = query({ search: 'jane' }).rows;
    const [ngata] = query({ search: 'aroha' }).rows;

    expect(smith?.nextAppointment).toEqual({
      externalId: 'j-next',
      startsAt: '2025-06-06T09:00:00.000Z',
      endsAt: null,
      practitionerName: 'Dr Mei Chen',
      status: 'booked',
      telehealthUrl: 'https://meet.example.test/j',
    });
    expect(ngata?.nextAppointment).toMatchObject({ externalId: 'a-next', status: 'pending' });
    expect(smith?.organizations.map((o) => o.name)).toEqual(['Arcadia Trust', 'Hillside School']);
    expect(names({ hasUpcoming: true })).toEqual(['Ngata', 'Smith']);
    expect(names({ hasUpcoming: false })).toEqual(['Álvarez', 'Chen', 'Smithers']);
    expect(names({ status: 'pending' })).toEqual(['Ngata']);
  });

  it('moves the next appointment along as time passes and as syncs change it', () => {
    const { cache, query } = clinic();
    const nextOf = (nowIso: string) => query({ search: 'jane', nowIso }).rows[0]?.nextAppointment?.externalId ?? null;

    expect(nextOf(NOW)).toBe('j-next');
    expect(nextOf('2025-06-07T00:00:00Z')).toBe('j-later');
    expect(nextOf('2025-07-01T00:00:00Z')).toBeNull();
    expect(nextOf('2025-06-02T00:00:00Z')).toBe('j-next');

    cache.appointments.upsertPage(
      SOURCE,
      [remoteAppointment('j-next', { patientExternalId: '1', startsAt: '2025-06-06T09:00:00Z', endsAt: null, status: 'cancelled' })],
      '2025-06-03T00:00:00Z',
      null,
    );
    expect(nextOf(NOW)).toBe('j-later');
    cache.appointments.markRemoved(SOURCE, ['j-later'], '2025-06-03T00:00:00Z', null);
    expect(nextOf(NOW)).toBeNull();
  });

  it('picks up appointments that arrived before their patient', () => {
    const { cache, query } = clinic();
    cache.appointments.upsertPage(
      SOURCE,
      [remoteAppointment('early', { patientExternalId: '99', startsAt: '2025-06-08T09:00:00Z', endsAt: null })],
      T0,
      null,
    );
    cache.patients.upsertPage(SOURCE, [remotePatient('99', { firstName: 'Late', lastName: 'Arrival' })], T0);

    expect(query({ search: 'arrival' }).rows[0]?.nextAppointment?.externalId).toBe('early');
  });

  it('sorts each way with missing values last when ascending, and windows with a total', () => {
    const { query, names } = clinic();

    expect(names({ sort: { field: 'name', dir: 'desc' } })).toEqual(['Smithers', 'Smith', 'Ngata', 'Chen', 'Álvarez']);
    expect(names({ sort: { field: 'dateOfBirth', dir: 'asc' }, source: SOURCE })).toEqual(['Ngata', 'Smith', 'Álvarez', 'Smithers']);
    expect(names({ sort: { field: 'nextAppointment', dir: 'asc' }, source: SOURCE })).toEqual(['Smith', 'Ngata', 'Smithers', 'Álvarez']);
    expect(names({ sort: { field: 'nextAppointment', dir: 'desc' }, source: SOURCE })).toEqual(['Álvarez', 'Smithers', 'Ngata', 'Smith']);

    const window = query({ offset: 1, limit: 2 });
    expect(window.total).toBe(5);
    expect(window.rows.map((r) => r.lastName)).toEqual(['Chen', 'Ngata']);
  });

  it('keeps affiliation filters right as links change and organizations are removed', () => {
    const { cache, names, school } = clinic();
    const ngata = cache.patients.getByRemoteId(SOURCE, '3')!;

    cache.organizations.link(ngata.id, school.id, T0);
    cache.organizations.link(ngata.id, school.id, T0);
    expect(names({ affiliated: true })).toEqual(['Ngata', 'Smith', 'Smithers']);

    cache.organizations.unlink(ngata.id, school.id);
    expect(names({ affiliated: true })).toEqual(['Smith', 'Smithers']);

    cache.organizations.remove(school.id);
    expect(names({ affiliated: true })).toEqual(['Smith']);
    expect(cache.patients.count(SOURCE).unaffiliated).toBe(3);
  });
});
