import { describe, expect, it } from 'vitest';
import type { FetchedPage, PumpedPages } from '../../../electron/core/connectors/http/page-pump';
import { pumpPages } from '../../../electron/core/connectors/http/page-pump';
import { PagesAhead } from '../../../electron/core/connectors/http/pages-ahead';

const settle = () => new Promise((resolve) => setImmediate(resolve));
const follow = (link: string) => new URL(link);

/** A server that answers every page at once; `started` lists the pages asked for, in order ("patients 2"). */
function instantServer() {
  const started: string[] = [];
  const fetch = (url: URL): Promise<FetchedPage<string>> => {
    const name = `${url.pathname.slice(1)} ${url.searchParams.get('page')}`;
    started.push(name);
    return Promise.resolve({ value: name, next: null });
  };
  return { fetch, started };
}

const pagesOf = (listing: string, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => new URL(`https://api.test/${listing}?page=${from + i}`));

function listing(
  share: PagesAhead,
  rank: number,
  name: string,
  fetch: (url: URL) => Promise<FetchedPage<string>>,
  pages = 10,
  signal?: AbortSignal,
) {
  return pumpPages({
    urls: pagesOf(name, 2, pages),
    fetch,
    window: 6,
    follow,
    share: { pages: share, rank },
    ...(signal ? { signal } : {}),
  });
}

async function readAll(pages: AsyncGenerator<PumpedPages<string>>, store?: (values: string[]) => Promise<unknown>): Promise<string[]> {
  const read: string[] = [];
  for await (const { values } of pages) {
    read.push(...values);
    await store?.(values);
  }
  return read;
}

describe('the pages the listings hold ahead together', () => {
  it('holds no more than the limit however many listings pull, and a slow reader holds the rest back', async () => {
    const server = instantServer();
    const share = new PagesAhead(3);
    const patients = listing(share, 1, 'patients', server.fetch);
    const appointments = listing(share, 2, 'appointments', server.fetch);
    await settle();
    // Nobody reads: three pages arrived and wait, and nothing more is asked for.
    expect(server.started).toEqual(['patients 2', 'patients 3', 'patients 4']);
    expect(share.held).toBe(3);

    // Readers that store slowly: each batch of pages waits for a commit that takes an event-loop turn.
    // Pages asked for but not yet stored never exceed the limit.
    let stored = 0;
    let most = 0;
    const slowCommit = (pages: AsyncGenerator<PumpedPages<string>>) =>
      readAll(pages, async (values) => {
        most = Math.max(most, server.started.length - stored);
        await settle();
        stored += values.length;
      });
    const [patientPages, appointmentPages] = await Promise.all([slowCommit(patients), slowCommit(appointments)]);
    expect(most).toBe(3);
    expect(patientPages.sort()).toEqual(
      pagesOf('patients', 2, 10)
        .map((url) => `patients ${url.searchParams.get('page')}`)
        .sort(),
    );
    expect(appointmentPages).toHaveLength(9);
    expect(share.held).toBe(0);
  });

  it('lets the better-ranked listing ask for all its pages before a worse-ranked one asks for any', async () => {
    const server = instantServer();
    const share = new PagesAhead(3);
    const appointments = listing(share, 2, 'appointments', server.fetch);
    const patients = listing(share, 1, 'patients', server.fetch);
    await Promise.all([readAll(appointments, settle), readAll(patients, settle)]);
    // The appointments asked first (they started first) until the patients needed room; from then on
    // every patient page was asked for before the next appointment page.
    const firstPatient = server.started.indexOf('patients 2');
    const lastPatient = server.started.indexOf('patients 10');
    const appointmentsBetween = server.started.slice(firstPatient, lastPatient).filter((name) => name.startsWith('appointments'));
    expect(appointmentsBetween).toEqual([]);
    expect(server.started).toHaveLength(18);
  });

  it('never blocks a better-ranked listing behind pages nobody reads yet (appointments wait for reference data)', async () => {
    const server = instantServer();
    const share = new PagesAhead(3);
    const appointments = listing(share, 2, 'appointments', server.fetch);
    await settle();
    expect(share.held).toBe(3);
    // The appointments' reader waits for this listing: it still gets its pages, one at a time.
    const reference = await readAll(listing(share, 0, 'practitioners', server.fetch, 5), settle);
    expect(reference).toEqual(['practitioners 2', 'practitioners 3', 'practitioners 4', 'practitioners 5']);
    expect(await readAll(appointments)).toHaveLength(9);
  });

  it('gives back the places of a listing called off before its reader took a page', async () => {
    const server = instantServer();
    const share = new PagesAhead(2);
    const stop = new AbortController();
    listing(share, 1, 'patients', server.fetch, 10, stop.signal);
    const appointments = listing(share, 2, 'appointments', server.fetch);
    await settle();
    expect(server.started.filter((name) => name.startsWith('appointments'))).toEqual([]);
    stop.abort();
    // The patients' two places went to the appointments at once.
    expect(server.started.filter((name) => name.startsWith('appointments'))).toEqual(['appointments 2', 'appointments 3']);
    expect(await readAll(appointments)).toHaveLength(9);
    expect(share.held).toBe(0);
  });
});
