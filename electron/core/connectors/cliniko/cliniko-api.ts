import { connectorErrors } from '../errors';
import { MalformedResponseError, type HttpClient, type JsonResult } from '../http/http-client';
import { nextTurn, pumpPages, type FetchedPage } from '../http/page-pump';
import type { PagesAhead } from '../http/pages-ahead';
import { clinikoEnvelopeSchema } from './schemas';

export const PAGE_SIZE = 100;

export interface ClinikoListPage {
  items: Record<string, unknown>[];
  totalEntries?: number;
  /** True on the page handed over after every other page of the listing; false while one is still to come. */
  last: boolean;
}

type Query = readonly (readonly [string, string])[];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type ListPageWithNext = Omit<ClinikoListPage, 'last'> & { next: string | null };

/** Pages that arrived together, as one: stored in one transaction. */
function joined(pages: ClinikoListPage[]): Omit<ClinikoListPage, 'last'> {
  const totals = pages.flatMap((page) => (page.totalEntries === undefined ? [] : [page.totalEntries]));
  const items = pages.length === 1 ? pages[0]!.items : pages.flatMap((page) => page.items);
  return totals.length === 0 ? { items } : { items, totalEntries: Math.max(...totals) };
}

function anyOf(signal: AbortSignal | undefined, other: AbortSignal): AbortSignal {
  return signal ? AbortSignal.any([signal, other]) : other;
}

/**
 * The pages after the first, from its `next` link and total (page-number paging keeps every other
 * parameter): none when the total is missing or the link has no page number to count on from.
 */
function remainingPages(first: FetchedPage<ClinikoListPage>, follow: (link: string) => URL): URL[] {
  const total = first.value.totalEntries;
  if (first.next === null || total === undefined) return [];
  let next: URL;
  try {
    next = follow(first.next);
  } catch {
    return []; // Followed one at a time instead, which reports the bad link after the first page.
  }
  const from = Number(next.searchParams.get('page'));
  const perPage = Number(next.searchParams.get('per_page') ?? PAGE_SIZE);
  if (!Number.isInteger(from) || from < 2 || !Number.isInteger(perPage) || perPage < 1) return [];
  const pages = Math.max(from, Math.ceil(total / perPage));
  return Array.from({ length: pages - from + 1 }, (_, i) => {
    const url = new URL(next);
    url.searchParams.set('page', String(from + i));
    return url;
  });
}

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
    /** The pages every listing together may hold ahead of its reader; none: each listing its own `ahead`. */
    private readonly pagesAhead: PagesAhead | null = null,
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

  /**
   * Every page of a listing; `key` is the plural resource name the records sit under. The first page
   * tells the total, so with `ahead` above 1 the others are then fetched side by side (at most `ahead`
   * in flight or not yet taken) and handed over as they arrive, out of order; `last` marks the page
   * after which none is left. Otherwise, or without a total, pages follow `links.next` one at a time.
   * `rank` orders the listings sharing `pagesAhead`: the lower fetches first; a listing's reader may
   * wait for better-ranked listings only.
   */
  async *list(
    path: string,
    key: string,
    filters: readonly string[],
    what: string,
    signal?: AbortSignal,
    ahead = 1,
    rank = 0,
  ): AsyncGenerator<ClinikoListPage> {
    const visited = new Set<string>();
    const follow = (link: string): URL => {
      const url = this.onOwnHost(link, what);
      if (visited.has(url.href)) throw connectorErrors.invalidData(this.http.service, `${what} paging links that go round in a circle`);
      return url;
    };
    const fetchPage = async (url: URL, pageSignal: AbortSignal | undefined): Promise<FetchedPage<ClinikoListPage>> => {
      visited.add(url.href);
      const { value }: { value: ListPageWithNext } = await this.http.getJson(url, (body) => readListPage(body, key), what, pageSignal);
      const { next, ...page } = value;
      return { value: { ...page, last: false }, next };
    };

    let page = await fetchPage(
      this.url(path, [['per_page', String(PAGE_SIZE)], ...filters.map((filter) => ['q[]', filter] as const)]),
      signal,
    );
    const rest = ahead > 1 ? remainingPages(page, follow) : [];
    if (rest.length > 0) {
      // The other pages are on their way while the first is stored; left unread, they are called off.
      const leave = new AbortController();
      const others = pumpPages({
        urls: rest,
        fetch: fetchPage,
        window: ahead,
        follow,
        signal: anyOf(signal, leave.signal),
        ...(this.pagesAhead ? { share: { pages: this.pagesAhead, rank } } : {}),
      });
      await nextTurn();
      try {
        yield page.value;
        for await (const { values, last } of others) yield { ...joined(values), last };
      } finally {
        leave.abort();
      }
      return;
    }
    for (;;) {
      yield { ...page.value, last: page.next === null };
      if (page.next === null) return;
      page = await fetchPage(follow(page.next), signal);
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
