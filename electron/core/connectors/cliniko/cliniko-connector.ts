import type { Practitioner, RemoteAppointment, RemotePatient } from '../../domain';
import { connectorErrors } from '../errors';
import { createHttpClient, effectiveLimits, type ServiceProfile } from '../http/client-factory';
import type { HttpClient } from '../http/http-client';
import { PagesAhead } from '../http/pages-ahead';
import { mapPages, mergePages, readRecords } from '../mapping/read-records';
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
import { ClinikoApi, PAGE_SIZE } from './cliniko-api';
import { appointmentFilters, appointmentIdFilters, liveAppointmentFilters, patientFilters, patientIdFilters } from './filters';
import { appointmentReader, patientReader } from './map';
import { ClinikoReferenceData } from './reference-data';
import { clinikoUserSchema } from './schemas';
import { clinikoBaseUrl, shardFromKey } from './shard';
import { clinikoPracticeTimeZone } from './time-zone';

const PROFILE: ServiceProfile = {
  service: 'Cliniko',
  kind: 'cliniko',
  // Six requests in flight: a 651-patient practice's 25 requests take a few round trips, not 25, and
  // the 200/min limiter still paces a large pull.
  limits: { perMinute: 200, perDay: null, inFlight: 6 },
  // Cliniko's docs: on a 429 without X-RateLimit-Reset, wait a minute.
  rateLimitDefaultWaitMs: { min: 60_000, max: 60_000 },
};

/**
 * Which listing fetches first when they share the pages ahead: the reference data (rank 0, the
 * default: appointments wait for it), then patients, whose pages cost the most to store — done while
 * the rate limit still holds the appointments back, they leave the cheaper appointment pages for the
 * end of a large pull.
 */
const RANK = { patients: 1, appointments: 2 } as const;

/** Used in the User-Agent until the admin sets their own contact email (Cliniko may block requests without one). */
export const DEFAULT_USER_AGENT_CONTACT = 'support@clinicsync.app';

/** Cliniko's REST API as a ClinicSync connector. */
export class ClinikoConnector implements Connector {
  readonly kind = 'cliniko' as const;
  readonly capabilities: ConnectorCapabilities;
  /** The shard the key belongs to (au1, uk2 …). */
  readonly shard: string;
  private readonly http: HttpClient;
  private readonly api: ClinikoApi;
  private readonly reference: ClinikoReferenceData;
  /** Pages of a listing fetched ahead, side by side: as many as the credential may have in flight. */
  private readonly ahead: number;

  constructor(
    readonly source: string,
    apiKey: string,
    baseUrl: string | null,
    deps: ConnectorDeps,
  ) {
    this.shard = shardFromKey(apiKey);
    const base = new URL(baseUrl ?? clinikoBaseUrl(this.shard));
    this.http = createHttpClient(PROFILE, apiKey, base, clinikoHeaders(apiKey, deps.userAgentContact ?? DEFAULT_USER_AGENT_CONTACT), deps);
    const limits = effectiveLimits(PROFILE, deps);
    this.ahead = limits.inFlight;
    // All listings together hold as many pages (asked for and not yet stored) as may be in flight.
    this.api = new ClinikoApi(this.http, base, new PagesAhead(this.ahead));
    this.reference = new ClinikoReferenceData(this.api, source, this.ahead);
    this.capabilities = {
      patientTotals: true,
      hardDeletesVisible: false,
      dailyBudget: limits.perDay,
      requestsPerMinute: limits.perMinute,
      updatedSincePrecision: 'second',
      listingsSideBySide: limits.inFlight > 1,
    };
  }

  /** GET /user: who the key belongs to and their role. */
  async testConnection(signal?: AbortSignal): Promise<ConnectionInfo> {
    const { value, latencyMs } = await this.api.get('/user', 'your user account', signal);
    const user = clinikoUserSchema.safeParse(value);
    if (!user.success) throw connectorErrors.invalidData('Cliniko', 'user details');
    const name = [user.data.first_name, user.data.last_name].filter((part) => part !== null && part !== '').join(' ');
    return {
      userName: name === '' ? null : name,
      role: user.data.role,
      region: this.shard,
      latencyMs: Math.round(latencyMs),
      accountLabel: null,
    };
  }

  /** The zone of the practice's businesses, else of the key's user (see time-zone.ts). */
  practiceTimeZone(signal?: AbortSignal): Promise<string | null> {
    return clinikoPracticeTimeZone(this.api, signal);
  }

  /** Active and inactive practitioners as one page, read once per connector (appointments need them too). */
  async *practitioners(signal?: AbortSignal): AsyncGenerator<Page<Practitioner>> {
    yield await this.reference.practitioners(signal);
  }

  patients(query: PatientQuery): AsyncIterable<Page<RemotePatient>> {
    return mapPages(
      this.api.list('/patients', 'patients', patientFilters(query.updatedSince), 'patients', query.signal, this.ahead, RANK.patients),
      patientReader(this.source),
    );
  }

  /** `total_entries` of the patient listing (archived included), from a one-record page. */
  async patientTotal(signal?: AbortSignal): Promise<number> {
    const filters = patientFilters(null).map((filter) => ['q[]', filter] as const);
    const { value } = await this.api.get('/patients', 'patients', signal, [['per_page', '1'], ...filters]);
    return readTotal(value, 'a patient count');
  }

  /** `total_entries` of the window's live appointments (not archived; cancelled included), from a one-record page. */
  async appointmentTotal(query: { from: string; to: string; signal?: AbortSignal }): Promise<number> {
    const filters = liveAppointmentFilters(query).map((filter) => ['q[]', filter] as const);
    const { value } = await this.api.get('/individual_appointments', 'appointments', query.signal, [['per_page', '1'], ...filters]);
    return readTotal(value, 'an appointment count');
  }

  /**
   * Individual appointments in the window; the first page also carries any unreadable reference
   * records. The listing's first page is asked for while the reference data loads, not after.
   */
  async *appointments(query: AppointmentQuery): AsyncGenerator<Page<RemoteAppointment>> {
    const loading = this.reference.load(query.signal);
    const raw = startedEarly(
      this.api.list(
        '/individual_appointments',
        'individual_appointments',
        appointmentFilters(query),
        'appointments',
        query.signal,
        this.ahead,
        RANK.appointments,
      ),
    );
    const { reference, errors } = await loading;
    let referenceErrors = errors;
    for await (const page of mapPages(raw, appointmentReader(this.source, reference))) {
      yield referenceErrors.length === 0 ? page : { ...page, errors: [...referenceErrors, ...page.errors] };
      referenceErrors = [];
    }
  }

  /** Appointments by id, a page of ids per request (`q[]=id:=1,2,3`), wherever they now start. */
  async appointmentsByExternalIds(ids: readonly string[], signal?: AbortSignal): Promise<Page<RemoteAppointment>> {
    const { reference } = await this.reference.load(signal);
    const wanted = [...new Set(ids.filter((id) => /^\d+$/.test(id)))];
    const pages: Page<RemoteAppointment>[] = [];
    for (let start = 0; start < wanted.length; start += PAGE_SIZE) {
      const chunk = wanted.slice(start, start + PAGE_SIZE);
      const listing = this.api.list(
        '/individual_appointments',
        'individual_appointments',
        appointmentIdFilters(chunk),
        'appointments',
        signal,
      );
      for await (const raw of listing) pages.push(readRecords(raw.items, appointmentReader(this.source, reference)));
    }
    return mergePages(pages);
  }

  /** Patients by id, a page of ids per request (`q[]=id:=1,2,3`). */
  async patientsByExternalIds(ids: readonly string[], signal?: AbortSignal): Promise<Page<RemotePatient>> {
    const wanted = [...new Set(ids.filter((id) => /^\d+$/.test(id)))];
    const pages: Page<RemotePatient>[] = [];
    for (let start = 0; start < wanted.length; start += PAGE_SIZE) {
      const chunk = wanted.slice(start, start + PAGE_SIZE);
      for await (const raw of this.api.list('/patients', 'patients', patientIdFilters(chunk), 'patients', signal)) {
        pages.push(readRecords(raw.items, patientReader(this.source)));
      }
    }
    return mergePages(pages);
  }

  stats(): ConnectorStats {
    return { ...this.http.counters, dailyBudget: this.http.budgetStatus() };
  }
}

/**
 * The same pages, the first already asked for: lets a listing's first request overlap other work. A
 * failure of that early request surfaces when the pages are read, never as an unhandled rejection.
 */
function startedEarly<T>(pages: AsyncGenerator<T>): AsyncGenerator<T> {
  const first = pages.next();
  first.catch(() => undefined);
  return (async function* () {
    const head = await first;
    if (head.done) return;
    yield head.value;
    yield* pages;
  })();
}

function readTotal(body: Record<string, unknown>, what: string): number {
  const total = body.total_entries;
  if (typeof total !== 'number' || !Number.isInteger(total) || total < 0) throw connectorErrors.invalidData('Cliniko', what);
  return total;
}

function clinikoHeaders(apiKey: string, contact: string): Record<string, string> {
  return {
    // Basic auth: the key is the user name, the password is empty.
    Authorization: `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}`,
    Accept: 'application/json',
    'User-Agent': `ClinicSync (${contact})`,
  };
}
