import { connectorErrors } from '../errors';
import { MalformedResponseError, type HttpClient, type JsonResult } from '../http/http-client';
import { clinikoEnvelopeSchema } from './schemas';

export const PAGE_SIZE = 100;

export interface ClinikoListPage {
  items: Record<string, unknown>[];
  totalEntries?: number;
}

type Query = readonly (readonly [string, string])[];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type ListPageWithNext = ClinikoListPage & { next: string | null };

/** Checks a list page's envelope; a page that is not one is retried by the HTTP layer. */
function readListPage(body: unknown, key: string): ListPageWithNext {
  if (!isRecord(body)) throw new MalformedResponseError('not an object');
  const items = body[key];
  if (!Array.isArray(items) || !items.every(isRecord)) throw new MalformedResponseError(`no list of ${key}`);
  const envelope = clinikoEnvelopeSchema.safeParse(body);
  if (!envelope.success) throw new MalformedResponseError('unreadable paging links');
  const total = envelope.data.total_entries;
  return { items, next: envelope.data.links?.next ?? null, ...(total === null || total === undefined ? {} : { totalEntries: total }) };
}

/**
 * Cliniko's REST conventions over the shared HTTP client: `per_page=100`, `q[]` filters, and paging
 * that follows `links.next` — always on the configured host, so the key is never sent elsewhere.
 */
export class ClinikoApi {
  constructor(
    private readonly http: HttpClient,
    readonly baseUrl: URL,
  ) {}

  url(path: string, query: Query = []): URL {
    const url = new URL(`${this.baseUrl.href.replace(/\/$/, '')}${path}`);
    for (const [name, value] of query) url.searchParams.append(name, value);
    return url;
  }

  get(path: string, what: string, signal?: AbortSignal, query: Query = []): Promise<JsonResult<Record<string, unknown>>> {
    return this.http.getJson(
      this.url(path, query),
      (body) => {
        if (!isRecord(body)) throw new MalformedResponseError('not an object');
        return body;
      },
      what,
      signal,
    );
  }

  /** Every page of a listing, in order; `key` is the plural resource name the records sit under. */
  async *list(path: string, key: string, filters: readonly string[], what: string, signal?: AbortSignal): AsyncGenerator<ClinikoListPage> {
    let url: URL | null = this.url(path, [['per_page', String(PAGE_SIZE)], ...filters.map((filter) => ['q[]', filter] as const)]);
    const visited = new Set<string>();
    while (url) {
      visited.add(url.href);
      const { value }: { value: ListPageWithNext } = await this.http.getJson(url, (body) => readListPage(body, key), what, signal);
      yield value.totalEntries === undefined ? { items: value.items } : { items: value.items, totalEntries: value.totalEntries };
      url = value.next ? this.onOwnHost(value.next, what) : null;
      if (url && visited.has(url.href))
        throw connectorErrors.invalidData(this.http.service, `${what} paging links that go round in a circle`);
    }
  }

  /** The `next` link's path and query on our own base URL (an emulator's links name the real host). */
  private onOwnHost(link: string, what: string): URL {
    let parsed: URL;
    try {
      parsed = new URL(link, this.baseUrl);
    } catch {
      throw connectorErrors.invalidData(this.http.service, `a ${what} paging link`);
    }
    const basePath = this.baseUrl.pathname.replace(/\/$/, '');
    if (!parsed.pathname.startsWith(`${basePath}/`)) throw connectorErrors.invalidData(this.http.service, `a ${what} paging link`);
    return new URL(`${parsed.pathname}${parsed.search}`, this.baseUrl.origin);
  }
}
