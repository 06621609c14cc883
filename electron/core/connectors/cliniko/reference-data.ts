import type { z } from 'zod';
import type { Practitioner } from '../../domain';
import { mapPages, type RecordReader } from '../mapping/read-records';
import type { Page, RecordError } from '../types';
import type { ClinikoApi } from './cliniko-api';
import { appointmentTypeReader, businessReader, practitionerReader, type ClinikoReference } from './map';

const ANY_ARCHIVED = 'archived_at:*';

/** Active practitioners, then inactive ones: Cliniko lists them separately. */
export async function* practitionerPages(api: ClinikoApi, source: string, signal?: AbortSignal): AsyncGenerator<Page<Practitioner>> {
  yield* mapPages(api.list('/practitioners', 'practitioners', [], 'practitioners', signal), practitionerReader(source, true));
  yield* mapPages(api.list('/practitioners/inactive', 'practitioners', [], 'practitioners', signal), practitionerReader(source, false));
}

async function collect<T>(pages: AsyncIterable<Page<T>>, errors: RecordError[]): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) {
    all.push(...page.records);
    errors.push(...page.errors);
  }
  return all;
}

function listAll<S extends z.ZodType, R>(
  api: ClinikoApi,
  path: string,
  key: string,
  what: string,
  reader: RecordReader<S, R>,
  signal?: AbortSignal,
): AsyncGenerator<Page<R>> {
  return mapPages(api.list(path, key, [ANY_ARCHIVED], what, signal), reader);
}

/**
 * The names and telehealth flags appointment rows only link to, fetched once (archived ones too, since
 * old appointments still point at them) and kept for the connector's lifetime.
 */
export class ClinikoReferenceData {
  private loading: Promise<{ reference: ClinikoReference; errors: RecordError[] }> | null = null;
  private errorsReported = false;

  constructor(
    private readonly api: ClinikoApi,
    private readonly source: string,
  ) {}

  /** The reference data, and — on the first call only — the records it had to skip. */
  async load(signal?: AbortSignal): Promise<{ reference: ClinikoReference; errors: RecordError[] }> {
    this.loading ??= this.fetch(signal).catch((err: unknown) => {
      this.loading = null;
      throw err;
    });
    const { reference, errors } = await this.loading;
    const fresh = this.errorsReported ? [] : errors;
    this.errorsReported = true;
    return { reference, errors: fresh };
  }

  private async fetch(signal?: AbortSignal): Promise<{ reference: ClinikoReference; errors: RecordError[] }> {
    const errors: RecordError[] = [];
    const types = await collect(
      listAll(this.api, '/appointment_types', 'appointment_types', 'appointment types', appointmentTypeReader, signal),
      errors,
    );
    const businesses = await collect(listAll(this.api, '/businesses', 'businesses', 'businesses', businessReader, signal), errors);
    const practitioners = await collect(practitionerPages(this.api, this.source, signal), errors);
    const reference: ClinikoReference = {
      appointmentTypes: new Map(types.map((type) => [type.id, { name: type.name, telehealthEnabled: type.telehealthEnabled }])),
      businessNames: new Map(businesses.flatMap((business) => (business.name === null ? [] : [[business.id, business.name] as const]))),
      practitionerNames: new Map(practitioners.map((practitioner) => [practitioner.externalId, practitioner.displayName])),
      unreadableIds: new Set(errors.flatMap((error) => (error.externalId === null ? [] : [error.externalId]))),
    };
    return { reference, errors };
  }
}
