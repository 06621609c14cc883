import type { PagesAhead } from './pages-ahead';

/** Resolves after pending I/O had its turn: requests just started are sent before a long synchronous task. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A fetched page and, when the API links one, the link to the page after it. */
export interface FetchedPage<P> {
  value: P;
  next: string | null;
}

/**
 * The pages that arrived since the reader last took some (one or more), and whether every other page
 * of the listing has been handed over: then these complete it.
 */
export interface PumpedPages<P> {
  values: P[];
  last: boolean;
}

export interface PumpOptions<P> {
  /** The pages still to fetch once the first is known (e.g. pages 2..N from its total), in order. */
  urls: readonly URL[];
  fetch(url: URL, signal: AbortSignal): Promise<FetchedPage<P>>;
  /** Pages fetched but not yet handed over, plus those in flight: bounds memory and requests ahead. */
  window: number;
  /** The bound shared with the connector's other listings, and this listing's rank in it (lower fetches first). */
  share?: { pages: PagesAhead; rank: number };
  signal?: AbortSignal;
  /**
   * Checks the link after the final page (records added during the pull make one more page) and
   * returns where to fetch it, or throws; the listing then goes on one page at a time.
   */
  follow(next: string): URL;
}

/**
 * Fetches a listing's remaining pages side by side, up to `window` ahead, and hands them over as they
 * arrive — out of order, and those that arrived together at once, so a busy reader stores them in one
 * transaction instead of one each. The first requests start at once, before anyone reads: the caller can store
 * the page it has meanwhile. A page is `last` only when every other page has been handed over and
 * nothing is left to fetch, so the sync can write the listing's cursor with it. When a page fails, no
 * new request starts; the pages already on their way are still handed over (none marked last), then
 * the error is thrown. Stopping early aborts the requests in flight; so does never reading, once
 * `signal` aborts. With a `share`, the connector's listings together hold no more pages than it allows.
 */
export function pumpPages<P>(options: PumpOptions<P>): AsyncGenerator<PumpedPages<P>> {
  if (!(options.window >= 1)) throw new RangeError('At least one page must be allowed ahead');
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const queue = options.urls.map((url, index) => ({ url, final: index === options.urls.length - 1 }));
  const ready: P[] = [];
  let inFlight = 0;
  // When the share refused this listing a place, room coming back starts its next requests.
  const ticket = options.share ? options.share.pages.join(options.share.rank, () => fill()) : null;
  // Called off (even before anyone read): the pages it held are given back to the other listings.
  if (ticket) signal.addEventListener('abort', () => ticket.leave(), { once: true });
  // Set from the requests' callbacks, hence the widened type.
  let failure = null as { error: unknown } | null;
  let wake: (() => void) | null = null;
  const notify = (): void => {
    wake?.();
    wake = null;
  };

  const start = (item: { url: URL; final: boolean }): void => {
    inFlight += 1;
    options.fetch(item.url, signal).then(
      (page) => {
        inFlight -= 1;
        // Only the final page's link can lead past the pages counted at the start.
        if (item.final && page.next && !failure) {
          try {
            queue.push({ url: options.follow(page.next), final: true });
          } catch (err) {
            failure ??= { error: err };
          }
        }
        ready.push(page.value);
        fill();
        notify();
      },
      (err: unknown) => {
        inFlight -= 1;
        ticket?.give(1);
        failure ??= { error: err };
        notify();
      },
    );
  };
  /** Starts what the window allows; says whether it started anything. */
  const fill = (): boolean => {
    const before = inFlight;
    while (!failure && queue.length > 0 && inFlight + ready.length < options.window && (ticket?.take() ?? true)) start(queue.shift()!);
    return inFlight > before;
  };

  fill();
  return handOver();

  async function* handOver(): AsyncGenerator<PumpedPages<P>> {
    try {
      for (;;) {
        if (ready.length > 0) {
          const values = ready.splice(0);
          // Storing pages holds the thread: let the requests just started go out first.
          if (fill()) await nextTurn();
          yield { values, last: !failure && ready.length === 0 && inFlight === 0 && queue.length === 0 };
          // The reader asks for more once it has stored these: only now are their places free.
          ticket?.give(values.length);
          continue;
        }
        if (inFlight === 0) {
          if (failure) throw failure.error;
          if (queue.length === 0) return;
          // Nothing started: the share has no room for this listing yet; its next arrival wakes us.
          if (!fill()) await new Promise<void>((resolve) => (wake = resolve));
          continue;
        }
        await new Promise<void>((resolve) => (wake = resolve));
        // The first page is in: answers that came with it get their turn too, to be stored with it.
        if (ready.length > 0 && inFlight > 0) await nextTurn();
      }
    } finally {
      ticket?.leave();
      stop.abort();
    }
  }
}
