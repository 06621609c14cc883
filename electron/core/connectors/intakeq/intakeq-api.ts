import { connectorErrors } from '../errors';
import { MalformedResponseError, type HttpClient, type JsonResult } from '../http/http-client';
import type { RawPage } from '../mapping/read-records';

/** IntakeQ lists hold at most 100 rows; a shorter page is the last. */
export const PAGE_SIZE = 100;

type Query = readonly (readonly [string, string])[];

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A list is a bare JSON array of objects; anything else is an unreadable page, retried by the HTTP layer. */
export function readArray(body: unknown): Record<string, unknown>[] {
  if (!Array.isArray(body) || !body.every(isRecord)) throw new MalformedResponseError('not a list of records');
  return body;
}

function readObject(body: unknown): Record<string, unknown> {
  if (!isRecord(body)) throw new MalformedResponseError('not a record');
  return body;
}

/** IntakeQ's REST conventions over the shared HTTP client: bare arrays, 1-based pages until a short one. */
export class IntakeqApi {
  constructor(
    private readonly http: HttpClient,
    readonly baseUrl: URL,
  ) {}

  url(path: string, query: Query = []): URL {
    const url = new URL(`${this.baseUrl.href.replace(/\/$/, '')}${path}`);
    for (const [name, value] of query) url.searchParams.append(name, value);
    return url;
  }

  /** GETs a JSON body that `read` checks, throwing MalformedResponseError to have it retried. */
  get<T>(path: string, read: (body: unknown) => T, what: string, signal?: AbortSignal, query: Query = []): Promise<JsonResult<T>> {
    return this.http.getJson(this.url(path, query), read, what, signal);
  }

  getObject(path: string, what: string, signal?: AbortSignal): Promise<JsonResult<Record<string, unknown>>> {
    return this.get(path, readObject, what, signal);
  }

  getArray(path: string, query: Query, what: string, signal?: AbortSignal): Promise<JsonResult<Record<string, unknown>[]>> {
    return this.get(path, readArray, what, signal, query);
  }

  /** Every page of a listing; `idField` lets it notice a server that ignores `page` and repeats itself. */
  async *pages(path: string, query: Query, idField: string, what: string, signal?: AbortSignal): AsyncGenerator<RawPage> {
    let previousFirstId: unknown;
    for (let page = 1; ; page++) {
      const { value: items } = await this.getArray(path, [...query, ['page', String(page)]], what, signal);
      const firstId = items[0]?.[idField];
      if (page > 1 && firstId !== undefined && firstId === previousFirstId) {
        throw connectorErrors.invalidData(this.http.service, `${what} pages that repeat themselves`);
      }
      previousFirstId = firstId;
      yield { items };
      if (items.length < PAGE_SIZE) return;
    }
  }
}
