import { z } from 'zod';
import type { Practitioner } from '../../domain';
import { MalformedResponseError } from '../http/http-client';
import { externalId, optionalText } from '../mapping/fields';
import { readRecords, type RecordReader } from '../mapping/read-records';
import type { RecordError } from '../types';
import { isRecord, readArray } from './intakeq-api';
import { practitionerReader } from './map';

export interface NamedItem {
  /** As a string: the spec is unsure whether location ids are numbers or strings, so both are read. */
  id: string;
  name: string | null;
}

/** GET /appointments/settings: the only place IntakeQ lists its services and locations. */
export interface BookingSettings {
  services: NamedItem[];
  locations: NamedItem[];
  /** Active practitioners who take bookings. */
  practitioners: Practitioner[];
  errors: RecordError[];
}

export interface SettingsLists {
  Services: Record<string, unknown>[];
  Locations: Record<string, unknown>[];
  Practitioners: Record<string, unknown>[];
}

const LIST_NAMES = ['Services', 'Locations', 'Practitioners'] as const;

/** The settings object with its three lists (an absent list reads as empty); anything else is a malformed body. */
export function readSettingsLists(body: unknown): SettingsLists {
  if (!isRecord(body)) throw new MalformedResponseError('not an object');
  const lists = LIST_NAMES.map((name) => (body[name] === undefined || body[name] === null ? [] : readArray(body[name])));
  return { Services: lists[0] ?? [], Locations: lists[1] ?? [], Practitioners: lists[2] ?? [] };
}

const namedItemSchema = z.object({ Id: externalId, Name: optionalText });

function namedReader(label: string): RecordReader<typeof namedItemSchema, NamedItem> {
  return { label, schema: namedItemSchema, idField: 'Id', updatedAt: () => null, toDomain: (item) => ({ id: item.Id, name: item.Name }) };
}

export function mapBookingSettings(lists: SettingsLists, source: string): BookingSettings {
  const services = readRecords(lists.Services, namedReader('IntakeQ service'));
  const locations = readRecords(lists.Locations, namedReader('IntakeQ location'));
  const practitioners = readRecords(lists.Practitioners, practitionerReader(source));
  return {
    services: services.records,
    locations: locations.records,
    practitioners: practitioners.records,
    errors: [...services.errors, ...locations.errors, ...practitioners.errors],
  };
}
