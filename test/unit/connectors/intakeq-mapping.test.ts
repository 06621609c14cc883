import { describe, expect, it } from 'vitest';
import { appointmentReader, clientJoinUrl, clientReader, practitionerReader } from '../../../electron/core/connectors/intakeq/map';
import { readRecords } from '../../../electron/core/connectors/mapping/read-records';

/** Shaped like the spec's §2.3 appointment (a list row). */
function appointment(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Id: '6920eed4d81ae85462145975',
    ClientId: 1042,
    ClientName: 'Ada Lovelace',
    ClientEmail: 'ada@example.com',
    ClientPhone: '(222) 222-2222',
    ClientDateOfBirth: '1985-12-10',
    Status: 'Confirmed',
    StartDate: Date.parse('2025-10-01T20:00:00Z'),
    EndDate: Date.parse('2025-10-01T20:50:00Z'),
    StartDateIso: '2025-10-01T20:00:00.0000000Z',
    EndDateIso: '2025-10-01T20:50:00.0000000Z',
    StartDateLocal: '2025-10-01T16:00:00',
    Duration: 50,
    ServiceId: '3b0b8e1a-8d1c-4f57-9c2e-0a9b8f7c6d5e',
    ServiceName: 'Therapy session',
    LocationId: 1,
    LocationName: 'Main office',
    Price: 120,
    PractitionerId: '62e9a2123ccc0219a88d606f',
    PractitionerName: 'Grace Hopper',
    PractitionerEmail: 'grace@example.com',
    DateCreated: Date.parse('2025-09-01T00:00:00Z'),
    LastModified: Date.parse('2025-09-02T03:04:05Z'),
    TelehealthInfo: null,
    ...overrides,
  };
}

const map = (raw: Record<string, unknown>) => readRecords([raw], appointmentReader('src-q'));

describe('IntakeQ appointments', () => {
  it('map epoch-ms times to ISO UTC and ids to strings', () => {
    expect(map(appointment()).records[0]).toEqual({
      source: 'src-q',
      externalId: '6920eed4d81ae85462145975',
      patientExternalId: '1042',
      practitionerExternalId: '62e9a2123ccc0219a88d606f',
      practitionerName: 'Grace Hopper',
      serviceName: 'Therapy session',
      locationName: 'Main office',
      startsAt: '2025-10-01T20:00:00.000Z',
      endsAt: '2025-10-01T20:50:00.000Z',
      status: 'confirmed',
      cancelledAt: null,
      cancellationReason: null,
      telehealthUrl: null,
      deleted: false,
      remoteUpdatedAt: '2025-09-02T03:04:05.000Z',
    });
  });

  it.each([
    ['Confirmed', 'confirmed'],
    ['WaitingConfirmation', 'pending'],
    ['Canceled', 'cancelled'],
    ['Cancelled', 'cancelled'],
    ['Declined', 'declined'],
    ['Missed', 'no_show'],
  ])('map status %s to %s', (status, mapped) => {
    expect(map(appointment({ Status: status })).records[0]!.status).toBe(mapped);
  });

  it('skip an unknown status as a record error rather than guess', () => {
    const { records, errors } = map(appointment({ Status: 'Rescheduled' }));
    expect(records).toEqual([]);
    expect(errors[0]).toMatchObject({ externalId: '6920eed4d81ae85462145975', message: expect.stringContaining('Status') });
  });

  it('fall back to the ISO times (seven fractional digits) when epoch times are missing', () => {
    const { records } = map(appointment({ StartDate: null, EndDate: undefined, StartDateIso: '2025-10-01T20:00:00.1234567Z' }));
    expect(records[0]).toMatchObject({ startsAt: '2025-10-01T20:00:00.123Z', endsAt: '2025-10-01T20:50:00.000Z' });
  });

  it('count a row without any start time as a record error', () => {
    expect(map(appointment({ StartDate: null, StartDateIso: null })).errors).toHaveLength(1);
  });

  it('keep the cancellation date and reason of a cancelled appointment', () => {
    const { records } = map(
      appointment({ Status: 'Canceled', CancellationDate: Date.parse('2025-09-30T10:00:00Z'), FullCancellationReason: 'Client sick' }),
    );
    expect(records[0]).toMatchObject({ status: 'cancelled', cancelledAt: '2025-09-30T10:00:00.000Z', cancellationReason: 'Client sick' });
  });

  it("take the client's link from the invitation, never the host's StartUrl", () => {
    const info = {
      Id: 't1',
      Provider: 'IntakeQ',
      StartUrl: 'https://intakeq.com/telehealth/host/abc',
      Invitation: 'Join your session: https://intakeq.com/telehealth/join/xyz. See you soon!',
      InvitationCode: 'xyz',
    };
    expect(map(appointment({ TelehealthInfo: info })).records[0]!.telehealthUrl).toBe('https://intakeq.com/telehealth/join/xyz');
    expect(map(appointment({ TelehealthInfo: { ...info, Invitation: null } })).records[0]!.telehealthUrl).toBeNull();
    expect(clientJoinUrl('no link here')).toBeNull();
  });
});

describe('IntakeQ clients', () => {
  function client(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      ClientId: 1042,
      Guid: 'f1f2f3f4-0000-0000-0000-000000000000',
      Name: 'Ada Lovelace',
      FirstName: 'Ada',
      LastName: 'Lovelace',
      Email: 'ada@example.com',
      Phone: '(222) 222-2222',
      MobilePhone: '',
      DateOfBirth: Date.parse('1985-12-10T00:00:00Z'),
      Archived: false,
      DateCreated: Date.parse('2020-01-01T00:00:00Z'),
      LastActivityDate: Date.parse('2025-01-01T00:00:00Z'),
      ...overrides,
    };
  }
  const mapClient = (raw: Record<string, unknown>) => readRecords([raw], clientReader('src-q'));

  it('map a profile row, with "" phones read as absent', () => {
    expect(mapClient(client()).records[0]).toEqual({
      source: 'src-q',
      externalId: '1042',
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@example.com',
      phone: '(222) 222-2222',
      dateOfBirth: '1985-12-10',
      archived: false,
      deleted: false,
      remoteUpdatedAt: null,
    });
  });

  it('read a birth date stored as local midnight east or west of UTC as the intended day', () => {
    const melbourne = Date.parse('1985-12-09T13:00:00Z'); // 00:00 on 10 Dec in Melbourne (UTC+11)
    const newYork = Date.parse('1985-12-10T05:00:00Z'); // 00:00 on 10 Dec in New York (UTC-5)
    expect(mapClient(client({ DateOfBirth: melbourne })).records[0]!.dateOfBirth).toBe('1985-12-10');
    expect(mapClient(client({ DateOfBirth: newYork })).records[0]!.dateOfBirth).toBe('1985-12-10');
  });

  it('split Name when first and last names are missing, and mark archived clients', () => {
    const { records } = mapClient(client({ FirstName: null, LastName: undefined, Name: 'Ada King Lovelace', Archived: true }));
    expect(records[0]).toMatchObject({ firstName: 'Ada', lastName: 'King Lovelace', archived: true });
  });

  it('skip a client with an unreadable birth date without naming them', () => {
    const { errors } = mapClient(client({ DateOfBirth: 'soon' }));
    expect(errors).toEqual([
      { kind: 'invalid_data', externalId: '1042', message: 'IntakeQ client 1042 was skipped: unreadable DateOfBirth.' },
    ]);
  });
});

describe('IntakeQ practitioners', () => {
  it('use the complete name and mark inactive ones', () => {
    const raw = {
      Id: '62e9a2123ccc0219a88d606f',
      FirstName: 'Grace',
      LastName: 'Hopper',
      CompleteName: 'Grace Hopper',
      Email: 'grace@example.com',
      IsInactive: true,
    };
    expect(readRecords([raw], practitionerReader('s')).records[0]).toEqual({
      source: 's',
      externalId: '62e9a2123ccc0219a88d606f',
      displayName: 'Grace Hopper',
      email: 'grace@example.com',
      active: false,
      remoteUpdatedAt: null,
    });
  });
});
