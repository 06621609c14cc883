import { describe, expect, it } from 'vitest';
import { connectorErrors } from '../../../electron/core/connectors/errors';
import { InFlightCap } from '../../../electron/core/connectors/http/in-flight';
import { parseJsonExact } from '../../../electron/core/connectors/http/json';
import { pumpPages, type FetchedPage, type PumpedPages } from '../../../electron/core/connectors/http/page-pump';

/** A fetch whose answers the test releases one by one, in any order it likes. */
function controlledFetch() {
  const pending = new Map<number, { resolve: (page: FetchedPage<number>) => void; reject: (err: unknown) => void; signal: AbortSignal }>();
  const started: number[] = [];
  const fetch = (url: URL, signal: AbortSignal): Promise<FetchedPage<number>> => {
    const page = Number(url.searchParams.get('page'));
    started.push(page);
    return new Promise((resolve, reject) => {
      pending.set(page, { resolve, reject, signal });
      signal.addEventListener('abort', () => reject(connectorErrors.cancelled()), { once: true });
    });
  };
  const answer = (page: number, next: string | null = null) => pending.get(page)!.resolve({ value: page, next });
  const fail = (page: number, err: unknown) => pending.get(page)!.reject(err);
  return { fetch, started, answer, fail, pending };
}

const pageUrl = (page: number) => new URL(`https://api.test/v1/patients?per_page=100&page=${page}`);
const urls = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => pageUrl(from + i));
const follow = (link: string) => new URL(link);
const settle = () => new Promise((resolve) => setImmediate(resolve));

async function take(pages: AsyncGenerator<PumpedPages<number>>): Promise<PumpedPages<number>> {
  const next = await pages.next();
  if (next.done) throw new Error('the pump ended');
  return next.value;
}

describe('the page pump', () => {
  it('keeps at most the window ahead, hands pages over as they arrive, and marks only the final one last', async () => {
    const up = controlledFetch();
    const pages = pumpPages({ urls: urls(2, 6), fetch: up.fetch, window: 3, follow });
    // Asked for at once, before anyone reads: the caller stores page 1 meanwhile.
    expect(up.started).toEqual([2, 3, 4]);
    up.answer(4);
    expect(await take(pages)).toEqual({ values: [4], last: false });
    await settle();
    expect(up.started).toEqual([2, 3, 4, 5]);
    up.answer(3);
    up.answer(2);
    await settle();
    // Pages that arrived together come together, so they are stored in one transaction.
    expect(await take(pages)).toEqual({ values: [3, 2], last: false });
    await settle();
    up.answer(6);
    expect(await take(pages)).toEqual({ values: [6], last: false });
    up.answer(5);
    expect(await take(pages)).toEqual({ values: [5], last: true });
    expect((await pages.next()).done).toBe(true);
  });

  it('hands a waiting reader the answers that came in the same turn as the first, to store them at once', async () => {
    const up = controlledFetch();
    const pages = pumpPages({ urls: urls(2, 6), fetch: up.fetch, window: 3, follow });
    const taken = take(pages);
    await settle();
    up.answer(3);
    // Processed just after it: another connection's answer, in the same turn of the event loop.
    setImmediate(() => up.answer(2));
    expect(await taken).toEqual({ values: [3, 2], last: false });
  });

  it('follows a link past the counted pages (records added mid-pull), one page at a time', async () => {
    const up = controlledFetch();
    const pages = pumpPages({ urls: urls(2, 3), fetch: up.fetch, window: 4, follow });
    up.answer(2, pageUrl(3).href);
    expect(await take(pages)).toEqual({ values: [2], last: false });
    up.answer(3, pageUrl(4).href);
    expect(await take(pages)).toEqual({ values: [3], last: false });
    await settle();
    expect(up.started).toEqual([2, 3, 4]);
    up.answer(4);
    expect(await take(pages)).toEqual({ values: [4], last: true });
  });

  it('after a failed page starts nothing new, hands over the pages already on their way (none last), then throws', async () => {
    const up = controlledFetch();
    const pages = pumpPages({ urls: urls(2, 8), fetch: up.fetch, window: 3, follow });
    const down = connectorErrors.serverError('Cliniko', 503, 6);
    up.fail(2, down);
    await settle();
    up.answer(4);
    up.answer(3);
    expect(await take(pages)).toEqual({ values: [4, 3], last: false });
    await expect(pages.next()).rejects.toBe(down);
    expect(up.started).toEqual([2, 3, 4]);
  });

  it('calls off the requests in flight when the reader stops early', async () => {
    const up = controlledFetch();
    const pages = pumpPages({ urls: urls(2, 5), fetch: up.fetch, window: 3, follow });
    up.answer(2);
    await take(pages);
    await pages.return(undefined);
    expect([...up.pending.values()].every((request) => request.signal.aborted)).toBe(true);
  });
});

describe('requests in flight per credential', () => {
  it('lets the limit through, then one more as each finishes, first come first served', async () => {
    const cap = new InFlightCap(2);
    const a = await cap.enter();
    await cap.enter();
    const order: string[] = [];
    const c = cap.enter().then((leave) => (order.push('c'), leave));
    const d = cap.enter().then((leave) => (order.push('d'), leave));
    await settle();
    expect(order).toEqual([]);
    a();
    a(); // Leaving twice frees one place only.
    (await c)();
    await d;
    expect(order).toEqual(['c', 'd']);
    expect(cap.running).toBe(2);
  });

  it('gives up waiting with `cancelled` when the sync is cancelled', async () => {
    const cap = new InFlightCap(1);
    await cap.enter();
    const cancel = new AbortController();
    const waiting = cap.enter(cancel.signal);
    cancel.abort();
    await expect(waiting).rejects.toMatchObject({ kind: 'cancelled' });
    expect(cap.running).toBe(1);
  });
});

describe('exact JSON', () => {
  it('keeps a bare 64-bit id as its digits, and reads everything else as JSON.parse does', () => {
    expect(parseJsonExact('{"id": 1234567890123456789, "n": [9007199254740993]}')).toEqual({
      id: '1234567890123456789',
      n: ['9007199254740993'],
    });
    const plain = '{"id":"1234567890123456789","count":42,"note":"call at 10:30, room 4","ratio":0.12345678901234567}';
    expect(parseJsonExact(plain)).toEqual(JSON.parse(plain));
  });
});
