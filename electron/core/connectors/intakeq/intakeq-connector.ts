import { z } from 'zod';
import type { Practitioner, RemoteAppointment, RemotePatient } from '../../domain';
import { ConnectorError, connectorErrors } from '../errors';
import { createHttpClient, effectiveLimits, type ServiceProfile } from '../http/client-factory';
import type { HttpClient } from '../http/http-client';
import { externalId } from '../mapping/fields';
import { laterOf, mapPages, mergePages, readRecords, type RecordReader } from '../mapping/read-records';
import type {
  AppointmentQuery,
  ConnectionInfo,
  Connector,
  ConnectorCapabilities,
  ConnectorDeps,
  ConnectorStats,
  Page,
  PatientQuery,
} from '../types';
import { mapBookingSettings, readSettingsLists, type BookingSettings } from './booking-settings';
import { IntakeqApi } from './intakeq-api';
import { appointmentReader, clientReader, practitionerReader } from './map';

const PROFILE: ServiceProfile = {
  service: 'IntakeQ',
  kind: 'intakeq',
  // Five in flight for the detail look-ups (enrich). Listings stay one after another: see
  // `listingsSideBySide` below.
  limits: { perMinute: 10, perDay: 500, inFlight: 5 },
  // The spec's advice for a 429 that does not say when to come back: 10–60 s.
  rateLimitDefaultWaitMs: { min: 10_000, max: 60_000 },
};

export const INTAKEQ_BASE_URL = 'https://intakeq.com/api/v1';

const DAY_MS = 86_400_000;

/** The UTC calendar date `days` away from an instant: IntakeQ filters take dates only. */
function utcDate(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * `updatedSince` is a date read in a zone the spec does not name: ask from the day before, so no
 * change is missed (a few unchanged rows come back too).
 */
function updatedSinceParam(updatedSince: string | null): [string, string][] {
  return updatedSince === null ? [] : [['updatedSince', utcDate(updatedSince, -1)]];
}

const deletedIdReader: RecordReader<z.ZodObject<{ Id: typeof externalId }>, { externalId: string }> = {
  label: 'IntakeQ deleted appointment',
  schema: z.object({ Id: externalId }),
  idField: 'Id',
  updatedAt: () => null,
  toDomain: (row) => ({ externalId: row.Id }),
};

/** A row of the client list without profiles: the id is `ClientNumber` there (spec §3.2). */
const deletedClientReader: RecordReader<z.ZodObject<{ ClientNumber: typeof externalId }>, { externalId: string }> = {
  label: 'IntakeQ deleted client',
  schema: z.object({ ClientNumber: externalId }),
  idField: 'ClientNumber',
  updatedAt: () => null,
  toDomain: (row) => ({ externalId: row.ClientNumber }),
};

/** IntakeQ's (PracticeQ's) REST API as a ClinicSync connector. */
export class IntakeqConnector implements Connector {
  readonly kind = 'intakeq' as const;
  readonly capabilities: ConnectorCapabilities;
  private readonly http: HttpClient;
  private readonly api: IntakeqApi;

  constructor(
    readonly source: string,
    apiKey: string,
    baseUrl: string | null,
    deps: ConnectorDeps,
  ) {
    const base = new URL(baseUrl ?? INTAKEQ_BASE_URL);
    this.http = createHttpClient(PROFILE, apiKey, base, { 'X-Auth-Key': apiKey, Accept: 'application/json' }, deps);
    this.api = new IntakeqApi(this.http, base);
    const limits = effectiveLimits(PROFILE, deps);
    this.capabilities = {
      patientTotals: false,
      hardDeletesVisible: true,
      dailyBudget: limits.perDay,
      requestsPerMinute: limits.perMinute,
      updatedSincePrecision: 'day',
      // At 10/min the limiter, not the round trip, sets the pace after the first ten requests (one per
      // 6 s against ~150 ms), and pages carry no total to fetch ahead by: side by side would save about
      // a second on runs of minutes, while spending the daily budget out of the order the phases set.
      listingsSideBySide: false,
    };
  }

  /** GET /practitioners, the smallest read: IntakeQ does not say whose key it is. */
  async testConnection(signal?: AbortSignal): Promise<ConnectionInfo> {
    const { value, latencyMs } = await this.api.getArray('/practitioners', [], 'practitioners', signal);
    const label = `${value.length} practitioner${value.length === 1 ? '' : 's'}`;
    return { userName: null, role: null, region: 'intakeq', latencyMs: Math.round(latencyMs), accountLabel: label };
  }

  async *practitioners(signal?: AbortSignal): AsyncGenerator<Page<Practitioner>> {
    const { value } = await this.api.getArray('/practitioners', [['includeInactive', 'true']], 'practitioners', signal);
    yield readRecords(value, practitionerReader(this.source));
  }

  /** Services, locations and bookable practitioners, e.g. for the source's settings page. */
  async bookingSettings(signal?: AbortSignal): Promise<BookingSettings> {
    const { value } = await this.api.get('/appointments/settings', readSettingsLists, 'booking settings', signal);
    return mapBookingSettings(value, this.source);
  }

  /** Clients with their full profiles; `dateUpdatedStart` narrows an incremental pull to whole days. */
  patients(query: PatientQuery): AsyncIterable<Page<RemotePatient>> {
    const updated = query.updatedSince === null ? [] : [['dateUpdatedStart', utcDate(query.updatedSince, -1)] as const];
    return mapPages(
      this.api.pages('/clients', [['includeProfile', 'true'], ...updated], 'ClientId', 'clients', query.signal),
      clientReader(this.source),
    );
  }

  /**
   * The date filters are whole days in an unnamed zone, so the window is padded a day each side
   * and trimmed here on the exact start time; an open side sends no filter. Pages come newest first
   * until a short one.
   */
  async *appointments(query: AppointmentQuery): AsyncGenerator<Page<RemoteAppointment>> {
    const from = query.from === null ? -Infinity : Date.parse(query.from);
    const to = query.to === null ? Infinity : Date.parse(query.to);
    const params: [string, string][] = [
      ...(query.from === null ? [] : [['startDate', utcDate(query.from, -1)] as [string, string]]),
      ...(query.to === null ? [] : [['endDate', utcDate(query.to, 1)] as [string, string]]),
      ...updatedSinceParam(query.updatedSince),
    ];
    const pages = mapPages(this.api.pages('/appointments', params, 'Id', 'appointments', query.signal), appointmentReader(this.source));
    for await (const page of pages) {
      const records = page.records.filter((appointment) => {
        const startsAt = Date.parse(appointment.startsAt);
        return startsAt >= from && startsAt < to;
      });
      const maxRemoteUpdatedAt = records.reduce<string | null>((latest, record) => laterOf(latest, record.remoteUpdatedAt), null);
      yield { ...page, records, maxRemoteUpdatedAt };
    }
  }

  /**
   * `deletedOnly=true`. Not narrowed by `updatedSince`: whether a deletion bumps LastModified is
   * unknown, and a missed deletion would leave a cancelled visit showing as booked.
   */
  deletedAppointments(query: { since: string; signal?: AbortSignal }): AsyncIterable<Page<{ externalId: string }>> {
    return mapPages(
      this.api.pages('/appointments', [['deletedOnly', 'true']], 'Id', 'deleted appointments', query.signal),
      deletedIdReader,
    );
  }

  /** `GET /clients?deletedOnly=true`: clients deleted in about the last ten days (summary rows, `ClientNumber`). */
  deletedPatients(query: { signal?: AbortSignal }): AsyncIterable<Page<{ externalId: string }>> {
    return mapPages(
      this.api.pages('/clients', [['deletedOnly', 'true']], 'ClientNumber', 'deleted clients', query.signal),
      deletedClientReader,
    );
  }

  /** GET /appointments/{id}: the single record carries fields list rows lack (package fields). */
  async appointmentDetail(id: string, signal?: AbortSignal): Promise<RemoteAppointment | null> {
    let body: Record<string, unknown>;
    try {
      body = (await this.api.getObject(`/appointments/${encodeURIComponent(id)}`, 'appointment', signal)).value;
    } catch (err) {
      if (err instanceof ConnectorError && err.kind === 'not_found') return null;
      throw err;
    }
    const page = readRecords([body], appointmentReader(this.source));
    if (page.errors.length > 0) throw connectorErrors.invalidData('IntakeQ', `appointment ${id}`);
    return page.records[0] ?? null;
  }

  /** One request per id (`clients?search=<id>` matches a numeric id exactly): mind the daily budget. */
  async patientsByExternalIds(ids: readonly string[], signal?: AbortSignal): Promise<Page<RemotePatient>> {
    const pages: Page<RemotePatient>[] = [];
    for (const id of new Set(ids.filter((candidate) => /^\d+$/.test(candidate)))) {
      const { value } = await this.api.getArray(
        '/clients',
        [
          ['search', id],
          ['includeProfile', 'true'],
        ],
        'clients',
        signal,
      );
      const page = readRecords(value, clientReader(this.source));
      pages.push({ ...page, records: page.records.filter((patient) => patient.externalId === id) });
    }
    return mergePages(pages);
  }

  stats(): ConnectorStats {
    return { ...this.http.counters, dailyBudget: this.http.budgetStatus() };
  }
}
