import { bodyText, textResponse, type EmulatorResponse } from './http';
import { seededUnit } from './prng';
import type { FaultOptions } from './types';

export interface RequestFaults {
  /** 500/502/503/504 to answer instead of the real response, or null. */
  serverError: number | null;
  extraDelayMs: number;
  /** Refuse with 429 although the budget is not spent. */
  storm: boolean;
}

/** Who a request is, for deciding its faults. */
export interface RequestIdentity {
  /** Method, path and page: what the request asks for, without filter instants that move with the clock. */
  key: string;
  /** 1 for the first request with this key, 2 for its first retry, and so on. */
  occurrence: number;
  /** Its place among all API requests: a rate-limit storm refuses every Nth. */
  number: number;
}

const SERVER_ERRORS = [500, 502, 503, 504] as const;

/**
 * Decides which requests and records misbehave. Each decision is a seeded function of what is hit —
 * a record by its id, a request by its key and how often that same request was made — never of how
 * many other requests came first, so concurrency and the date cannot change a test's outcome. A
 * record that is broken stays broken while the fault is on, as a corrupt row upstream would; a
 * request that failed may succeed when retried, as after a transient upstream error.
 */
export class FaultInjector {
  private options: FaultOptions;
  private readonly occurrences = new Map<string, number>();

  constructor(
    options: FaultOptions,
    private readonly seed: number,
  ) {
    this.options = { ...options };
  }

  set(options: FaultOptions): void {
    this.options = { ...options };
  }

  get current(): Readonly<FaultOptions> {
    return this.options;
  }

  /** Names an incoming API request; `number` is its place among all API requests. */
  identify(method: string, url: URL, number: number): RequestIdentity {
    const key = requestKey(method, url.pathname, url.searchParams.get('page') ?? '1');
    const occurrence = (this.occurrences.get(key) ?? 0) + 1;
    this.occurrences.set(key, occurrence);
    return { key, occurrence, number };
  }

  /** `basePath` is the API's version path ('/v1'), which `unavailablePages` paths leave out. */
  forRequest(request: RequestIdentity, basePath = ''): RequestFaults {
    const { serverErrorRate = 0, slowRate = 0, slowMs = 0, rateLimitStorm, unavailablePages = [] } = this.options;
    const storm = rateLimitStorm !== undefined && rateLimitStorm.everyN > 0 && request.number % rateLimitStorm.everyN === 0;
    const draw = (what: string): number => seededUnit(this.seed, what, request.key, request.occurrence);
    const down = unavailablePages.some((page) => request.key === requestKey('GET', `${basePath}${page.path}`, String(page.page ?? 1)));
    return {
      storm,
      serverError: down ? 503 : !storm && draw('server-error') < serverErrorRate ? pick(SERVER_ERRORS, draw('status')) : null,
      extraDelayMs: draw('slow') < slowRate ? slowMs : 0,
    };
  }

  /** Serializes a response, breaking records and pages as the fault options ask. */
  render(response: EmulatorResponse, request: RequestIdentity): string {
    const records = response.records;
    if (!records) return bodyText(response);
    const { malformedRecordRate = 0, malformedPageRate = 0 } = this.options;
    for (const item of records.items) {
      const id = String(item[records.idField]);
      if (seededUnit(this.seed, 'record', records.brokenField, id) < malformedRecordRate) item[records.brokenField] = records.brokenValue;
    }
    const draw = (what: string): number => seededUnit(this.seed, what, request.key, request.occurrence);
    if (!records.page || draw('page') >= malformedPageRate) return bodyText(response);
    if (records.items.length > 0 && draw('page-kind') < 0.5) {
      // A record of the wrong shape: a bare string where an object belongs.
      (records.items as unknown[])[Math.floor(draw('page-index') * records.items.length)] = 'record unavailable';
      return bodyText(response);
    }
    const text = bodyText(response);
    return text.slice(0, Math.floor(text.length / 2));
  }
}

function requestKey(method: string, path: string, page: string): string {
  return `${method} ${path} page=${page}`;
}

function pick<T>(items: readonly T[], unit: number): T {
  return items[Math.floor(unit * items.length)] as T;
}

const GATEWAY_TITLES: Record<number, string> = {
  502: '502 Bad Gateway',
  503: '503 Service Temporarily Unavailable',
  504: '504 Gateway Time-out',
};

/** What a load balancer in front of either API answers when the application behind it fails. */
export function gatewayError(status: number): EmulatorResponse {
  const title = GATEWAY_TITLES[status] ?? `${status} Error`;
  return textResponse(
    status,
    `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
    'text/html',
  );
}
