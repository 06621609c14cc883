import type { z } from 'zod';
import type { Practitioner } from '../../domain';
import { mapPages, type RecordReader } from '../mapping/read-records';
import type { Page, RecordError } from '../types';
import type { ClinikoApi } from './cliniko-api';
import { appointmentTypeReader, businessReader, practitionerReader, type ClinikoReference } from './map';

const ANY_ARCHIVED = 'archived_at:*';

/** Active practitioners, then inactive ones: Cliniko lists them separately. */
function practitionerPages(
  api: ClinikoApi,
  source: string,
  signal: AbortSignal | undefined,
  ahead: number,
): AsyncIterable<Page<Practitioner>>[] {
  return [
    mapPages(api.list('/practitioners', 'practitioners', [], 'practitioners', signal, ahead), practitionerReader(source, true)),
    mapPages(api.list('/practitioners/inactive', 'practitioners', [], 'practitioners', signal, ahead), practitionerReader(source, false)),
  ];
}

async function collect<T>(pages: AsyncIterable<Page<T>>, errors: RecordError[]): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) {
    all.push(...page.records);
    errors.push(...page.errors);
  }
  return all;
}

/** Runs the listings side by side; their records and record errors as one page. */
async function collectAll<T>(listings: AsyncIterable<Page<T>>[]): Promise<Page<T>> {
  const errors: RecordError[] = [];
  const records = (await Promise.all(listings.map((pages) => collect(pages, errors)))).flat();
  return { records, errors, deletedIds: [], maxRemoteUpdatedAt: null };
}

function listAll<S extends z.ZodType, R>(
  api: ClinikoApi,
  path: string,
  key: string,
  what: string,
  reader: RecordReader<S, R>,
  signal: AbortSignal | undefined,
  ahead: number,
): AsyncIterable<Page<R>> {
  return mapPages(api.list(path, key, [ANY_ARCHIVED], what, signal, ahead), reader);
}

/** Remembers a load that succeeded (started with the first caller's signal); a failed one is tried again by the next caller. */
function once<T>(load: (signal: AbortSignal | undefined) => Promise<T>): (signal: AbortSignal | undefined) => Promise<T> {
  let loading: Promise<T> | null = null;
  return (signal) => {
    loading ??= load(signal).catch((err: unknown) => {
      loading = null;
      throw err;
    });
    return loading;
  };
}

/**
 * The names and telehealth flags appointment rows only link to, fetched once (archived ones too, since
 * old appointments still point at them) and kept for the connector's lifetime. The practitioners are
 * also what the practitioners phase stores, so they are read once for both.
 */
export class ClinikoReferenceData {
  private errorsReported = false;
  private readonly loadPractitioners: (signal: AbortSignal | undefined) => Promise<Page<Practitioner>>;
  private readonly loadReference: (signal: AbortSignal | undefined) => Promise<{ reference: ClinikoReference; errors: RecordError[] }>;

  constructor(api: ClinikoApi, source: string, ahead = 1) {
    this.loadPractitioners = once((signal) => collectAll(practitionerPages(api, source, signal, ahead)));
    this.loadReference = once(async (signal) => {
      const errors: RecordError[] = [];
      const [types, businesses, practitioners] = await Promise.all([
        collect(listAll(api, '/appointment_types', 'appointment_types', 'appointment types', appointmentTypeReader, signal, ahead), errors),
        collect(listAll(api, '/businesses', 'businesses', 'businesses', businessReader, signal, ahead), errors),
        this.loadPractitioners(signal),
      ]);
      errors.push(...practitioners.errors);
      const reference: ClinikoReference = {
        appointmentTypes: new Map(types.map((type) => [type.id, { name: type.name, telehealthEnabled: type.telehealthEnabled }])),
        businessNames: new Map(businesses.flatMap((business) => (business.name === null ? [] : [[business.id, business.name] as const]))),
        practitionerNames: new Map(practitioners.records.map((practitioner) => [practitioner.externalId, practitioner.displayName])),
        unreadableIds: new Set(errors.flatMap((error) => (error.externalId === null ? [] : [error.externalId]))),
      };
      return { reference, errors };
    });
  }

  /** Active and inactive practitioners, with the records that could not be read. */
  practitioners(signal?: AbortSignal): Promise<Page<Practitioner>> {
    return this.loadPractitioners(signal);
  }

  /** The reference data, and — on the first call only — the records it had to skip. */
  async load(signal?: AbortSignal): Promise<{ reference: ClinikoReference; errors: RecordError[] }> {
    const { reference, errors } = await this.loadReference(signal);
    const fresh = this.errorsReported ? [] : errors;
    this.errorsReported = true;
    return { reference, errors: fresh };
  }
}
