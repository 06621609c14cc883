import { describe, expect, it } from 'vitest';
import { appointmentReader, patientReader, practitionerReader, type ClinikoReference } from '../../../electron/core/connectors/cliniko/map';
import { idFromLink } from '../../../electron/core/connectors/cliniko/schemas';
import { shardFromKey } from '../../../electron/core/connectors/cliniko/shard';
import { readRecords } from '../../../electron/core/connectors/mapping/read-records';

const BASE = 'https://api.au1.cliniko.com/v1';
const link = (path: string) => ({ links: { self: `${BASE}/${path}` } });

/** Shaped like the spec's §9.1 patient, with a 64-bit id above 2^53. */
function patient(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: '836447129235883061',
    first_name: 'Ada',
    last_name: 'Lovelace',
    email: 'ada@example.com',
    date_of_birth: '1985-12-10',
    patient_phone_numbers: [
      { phone_type: 'Home', number: '03 9000 0000', normalized_number: '+61390000000' },
      { phone_type: 'Mobile', number: '0400 000 000', normalized_number: '+61400000000' },
    ],
    archived_at: null,
    deleted_at: null,
    created_at: '2020-01-01T00:00:00Z',
    updated_at: '2024-03-04T05:06:07Z',
    appointments: link('patients/836447129235883061/appointments'),
    links: { self: `${BASE}/patients/836447129235883061` },
    ...overrides,
  };
}

/** Shaped like the spec's §9.2 individual appointment. */
function appointment(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: '1234567890123456789',
    starts_at: '2024-05-01T23:30:00Z',
    ends_at: '2024-05-02T00:00:00Z',
    created_at: '2024-04-01T00:00:00Z',
    updated_at: '2024-04-02T00:00:00Z',
    archived_at: null,
    deleted_at: null,
    cancelled_at: null,
    cancellation_reason: null,
    cancellation_reason_description: '',
    cancellation_note: null,
    did_not_arrive: false,
    patient_arrived: false,
    telehealth_url: 'https://demo.au1.cliniko.com/appointments/1234567890123456789/connect',
    patient: link('patients/836447129235883061'),
    practitioner: link('practitioners/900000000000000001'),
    appointment_type: link('appointment_types/900000000000000011'),
    business: link('businesses/900000000000000021'),
    attendees: { links: { self: `${BASE}/attendees?q%5B%5D=booking_id%3A%3D1234567890123456789` } },
    links: { self: `${BASE}/individual_appointments/1234567890123456789` },
    ...overrides,
  };
}

const reference: ClinikoReference = {
  practitionerNames: new Map([['900000000000000001', 'Dr Grace Hopper']]),
  appointmentTypes: new Map([
    ['900000000000000011', { name: 'Initial consult', telehealthEnabled: false }],
    ['900000000000000012', { name: 'Video follow-up', telehealthEnabled: true }],
  ]),
  businessNames: new Map([['900000000000000021', 'Fitzroy Clinic']]),
};

const mapAppointment = (raw: Record<string, unknown>) => readRecords([raw], appointmentReader('src-1', reference));

describe('Cliniko patients', () => {
  it('map into the domain with the id exact, the mobile preferred and the source stamped', () => {
    const { records, errors, maxRemoteUpdatedAt } = readRecords([patient()], patientReader('src-1'));
    expect(errors).toEqual([]);
    expect(records).toEqual([
      {
        source: 'src-1',
        externalId: '836447129235883061',
        firstName: 'Ada',
        lastName: 'Lovelace',
        email: 'ada@example.com',
        phone: '0400 000 000',
        dateOfBirth: '1985-12-10',
        archived: false,
        deleted: false,
        remoteUpdatedAt: '2024-03-04T05:06:07.000Z',
      },
    ]);
    expect(maxRemoteUpdatedAt).toBe('2024-03-04T05:06:07.000Z');
  });

  it('read "" as null and mark archived patients', () => {
    const { records } = readRecords([patient({ email: '', date_of_birth: '', archived_at: '2024-01-01T00:00:00Z' })], patientReader('s'));
    expect(records[0]).toMatchObject({ email: null, dateOfBirth: null, archived: true });
  });

  it('skip a malformed record with an error naming its id and field, never its content, and keep the rest', () => {
    const broken = patient({ id: '111', date_of_birth: '10/12/1985' });
    const { records, errors } = readRecords([broken, patient()], patientReader('s'));
    expect(records.map((record) => record.externalId)).toEqual(['836447129235883061']);
    expect(errors).toEqual([
      { kind: 'invalid_data', externalId: '111', message: 'Cliniko patient 111 was skipped: unreadable date_of_birth.' },
    ]);
    expect(errors[0]!.message).not.toMatch(/Ada|Lovelace|1985/);
  });

  it('tolerate a numeric id but refuse one that is not a Cliniko id', () => {
    const { records, errors } = readRecords([patient({ id: 42 }), patient({ id: 'abc' })], patientReader('s'));
    expect(records.map((record) => record.externalId)).toEqual(['42']);
    expect(errors).toHaveLength(1);
  });
});

describe('Cliniko appointments', () => {
  it('turn linked records into ids and look up names', () => {
    const { records } = mapAppointment(appointment());
    expect(records[0]).toEqual({
      source: 'src-1',
      externalId: '1234567890123456789',
      patientExternalId: '836447129235883061',
      practitionerExternalId: '900000000000000001',
      practitionerName: 'Dr Grace Hopper',
      serviceName: 'Initial consult',
      locationName: 'Fitzroy Clinic',
      startsAt: '2024-05-01T23:30:00.000Z',
      endsAt: '2024-05-02T00:00:00.000Z',
      status: 'booked',
      cancelledAt: null,
      cancellationReason: null,
      telehealthUrl: null,
      deleted: false,
      remoteUpdatedAt: '2024-04-02T00:00:00.000Z',
    });
  });

  it.each([
    [{ cancelled_at: '2024-04-03T00:00:00Z', did_not_arrive: true }, 'cancelled'],
    [{ did_not_arrive: true, patient_arrived: true }, 'no_show'],
    [{ patient_arrived: true }, 'arrived'],
    [{ did_not_arrive: null, patient_arrived: null }, 'booked'],
  ])('map status fields %j to %s', (fields, status) => {
    expect(mapAppointment(appointment(fields)).records[0]!.status).toBe(status);
  });

  it('keep the cancellation time and reason of a cancelled appointment', () => {
    const { records } = mapAppointment(
      appointment({ cancelled_at: '2024-04-03T01:02:03Z', cancellation_reason: 30, cancellation_reason_description: 'Sick' }),
    );
    expect(records[0]).toMatchObject({ status: 'cancelled', cancelledAt: '2024-04-03T01:02:03.000Z', cancellationReason: 'Sick' });
  });

  it('keep telehealth_url only when the appointment type has telehealth enabled', () => {
    const video = mapAppointment(appointment({ appointment_type: link('appointment_types/900000000000000012') }));
    expect(video.records[0]!.telehealthUrl).toBe('https://demo.au1.cliniko.com/appointments/1234567890123456789/connect');
    expect(video.records[0]!.serviceName).toBe('Video follow-up');
    expect(mapAppointment(appointment()).records[0]!.telehealthUrl).toBeNull();
  });

  it('mark archived appointments as deleted', () => {
    expect(mapAppointment(appointment({ archived_at: '2024-04-05T00:00:00Z' })).records[0]!.deleted).toBe(true);
  });

  it('read a hard-deleted stub (only id, deleted_at and links, spec §8) as a deletion, not a broken record', () => {
    const stub = {
      id: '1234567890123456789',
      deleted_at: '2024-04-05T00:00:00Z',
      links: { self: `${BASE}/individual_appointments/1234567890123456789` },
    };
    expect(mapAppointment(stub)).toEqual({ records: [], errors: [], deletedIds: ['1234567890123456789'], maxRemoteUpdatedAt: null });
    // A non-null deleted_at is a deletion whatever else the record carries or lacks.
    expect(mapAppointment(appointment({ deleted_at: '2024-04-05T00:00:00Z', starts_at: 'not a date' })).deletedIds).toEqual([
      '1234567890123456789',
    ]);
    const patients = readRecords([{ id: '836447129235883061', deleted_at: '2024-04-05T00:00:00Z', links: {} }], patientReader('src-1'));
    expect(patients).toMatchObject({ records: [], errors: [], deletedIds: ['836447129235883061'] });
  });

  it('count a deletion stub without a readable id as a record error', () => {
    const { deletedIds, errors } = mapAppointment({ deleted_at: '2024-04-05T00:00:00Z', links: {} });
    expect(deletedIds).toEqual([]);
    expect(errors).toEqual([
      { kind: 'invalid_data', externalId: null, message: 'Cliniko appointment (without an id) was skipped: unreadable id.' },
    ]);
  });

  it('count an appointment with an unreadable start time as a record error', () => {
    const { records, errors } = mapAppointment(appointment({ starts_at: 'not a date' }));
    expect(records).toEqual([]);
    expect(errors[0]).toMatchObject({ externalId: '1234567890123456789', message: expect.stringContaining('starts_at') });
  });

  it('leave relations that are absent as null', () => {
    const { records } = mapAppointment(appointment({ practitioner: null, business: { links: null }, appointment_type: undefined }));
    expect(records[0]).toMatchObject({ practitionerExternalId: null, locationName: null, serviceName: null });
  });
});

describe('Cliniko practitioners', () => {
  it('prefer display_name and take activity from the listing when the row does not say', () => {
    const raw = {
      id: '5',
      first_name: 'Grace',
      last_name: 'Hopper',
      display_name: 'Dr Grace Hopper',
      active: null,
      updated_at: '2024-01-01T00:00:00Z',
    };
    expect(readRecords([raw], practitionerReader('s', false)).records[0]).toMatchObject({ displayName: 'Dr Grace Hopper', active: false });
  });
});

describe('Cliniko ids and keys', () => {
  it('parse the id at the end of a link, ignoring any query', () => {
    expect(idFromLink(`${BASE}/practitioners/900000000000000001`)).toBe('900000000000000001');
    expect(idFromLink(`${BASE}/patients/12/?x=1`)).toBe('12');
    expect(idFromLink(`${BASE}/attendees?q[]=booking_id:=1`)).toBeNull();
  });

  it('take the shard from the key suffix, defaulting to au1', () => {
    expect(shardFromKey('MS0abcdef-uk2')).toBe('uk2');
    expect(shardFromKey('MS0abcdef-AU3')).toBe('au3');
    expect(shardFromKey('oldkeywithoutsuffix')).toBe('au1');
    expect(shardFromKey('key-with-dashes-notashard')).toBe('au1');
  });
});
