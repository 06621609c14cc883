import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChannelInput, RosterRow, SyncProgressView, SyncRun } from '../../../electron/contract';
import type { Api } from '../../../renderer/src/api/client';
import { bindRosterLive, LIVE_REFRESH_MS } from '../../../renderer/src/lib/roster-live';
import { totalText } from '../../../renderer/src/lib/roster-query';
import { BLOCK_SIZE, createRosterStore } from '../../../renderer/src/store/create-roster-store';

type Query = ChannelInput<'roster:query'>;
const CAP = 1000;

/**
 * A fake service over `patients` rows in name order: a search for "broad" counts only up to the cap,
 * as the real one does for a broad search. Every call is recorded.
 */
function fakeApi(initial: number) {
  let names = Array.from({ length: initial }, (_, n) => `Patient ${String(n).padStart(5, '0')}`);
  const queries: Query[] = [];
  let countsCalls = 0;
  const call = (async (channel: string, input: unknown) => {
    if (channel === 'roster:counts') {
      countsCalls += 1;
      return { all: names.length, withUpcoming: 0, unaffiliated: names.length };
    }
    if (channel !== 'roster:query') throw new Error(`unexpected ${channel}`);
    const q = input as Query;
    queries.push(q);
    const offset = q.offset ?? 0;
    const rows = names
      .slice(offset, offset + (q.limit ?? 100))
      .map((lastName) => ({ id: names.indexOf(lastName) + 1, lastName }) as unknown as RosterRow);
    const count = q.count ?? 'auto';
    if (count === 'none') return { total: null, totalIsCapped: false, rows };
    const capped = count === 'auto' && q.search === 'broad' && names.length > CAP;
    return { total: capped ? CAP : names.length, totalIsCapped: capped, rows };
  }) as Api['call'];
  return {
    call,
    queries,
    counts: () => countsCalls,
    /** A sync writes a patient who sorts first: every row below moves down one. */
    insertFirst(name: string) {
      names = [name, ...names];
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const firstName = (store: ReturnType<typeof createRosterStore>) =>
  (store.getState().blocks[0]?.[0] as { lastName: string } | undefined)?.lastName;

describe('roster store', () => {
  it('counts once per filter change: the first block brings the total, later blocks ask for rows only', async () => {
    const api = fakeApi(5000);
    const store = createRosterStore(api.call);
    store.getState().setFilters({ search: 'pat' });
    await settle();
    for (const end of [300, 500, 700, 900]) {
      store.getState().setVisibleRange(end - 40, end);
      await settle();
    }

    expect(api.queries.map((q) => [q.offset, q.count])).toEqual([
      [0, 'auto'],
      [200, 'none'],
      [400, 'none'],
      [600, 'none'],
      [800, 'none'],
    ]);
    expect(store.getState()).toMatchObject({ total: 5000, totalIsCapped: false });
    expect(Object.keys(store.getState().blocks)).toHaveLength(5);
  });

  it('refreshes what is on screen and the counters in one counters request, without one-row count queries', async () => {
    const api = fakeApi(5000);
    const store = createRosterStore(api.call);
    store.getState().setFilters({});
    await settle();
    store.getState().setVisibleRange(180, 230);
    await settle();
    api.queries.length = 0;

    await store.getState().refresh();

    expect(api.queries.map((q) => [q.offset, q.limit, q.count])).toEqual([
      [0, BLOCK_SIZE, 'auto'],
      [BLOCK_SIZE, BLOCK_SIZE, 'none'],
    ]);
    expect(api.counts()).toBe(1);
    expect(store.getState().counts).toEqual({ all: 5000, withUpcoming: 0, unaffiliated: 5000 });
  });

  it('says "1,000+" for a broad search and asks the exact total once, when scrolled to the cap', async () => {
    const api = fakeApi(3000);
    const store = createRosterStore(api.call);
    store.getState().setFilters({ search: 'broad' });
    await settle();
    const { total, totalIsCapped } = store.getState();
    expect(totalText(total ?? 0, totalIsCapped)).toBe('1,000+');

    store.getState().setVisibleRange(940, 999);
    await settle();

    expect(api.queries.filter((q) => q.count === 'exact').map((q) => q.offset)).toEqual([800]);
    expect(store.getState()).toMatchObject({ total: 3000, totalIsCapped: false });
    expect(totalText(3000, false)).toBe('3,000');
  });

  it('keeps the rows in place while the user points at them during a sync, and moves them on release', async () => {
    const api = fakeApi(500);
    const store = createRosterStore(api.call);
    store.getState().setFilters({});
    await settle();
    store.getState().setEngaged(true);

    api.insertFirst('Aaron New');
    await store.getState().refresh(true);
    expect(firstName(store)).toBe('Patient 00000');
    expect(store.getState().total).toBe(500);
    expect(store.getState().counts?.all).toBe(501);

    store.getState().setEngaged(false);
    expect(firstName(store)).toBe('Aaron New');
    expect(store.getState().total).toBe(501);
  });

  it('moves held rows when the user scrolls, and applies a refresh the user asked for at once', async () => {
    const api = fakeApi(500);
    const store = createRosterStore(api.call);
    store.getState().setFilters({});
    await settle();
    store.getState().setEngaged(true);

    api.insertFirst('Aaron New');
    await store.getState().refresh(true);
    store.getState().setVisibleRange(0, 40);
    expect(firstName(store)).toBe('Patient 00000');
    store.getState().setVisibleRange(3, 43);
    expect(firstName(store)).toBe('Aaron New');

    api.insertFirst('Aaaa Newer');
    await store.getState().refresh();
    expect(firstName(store)).toBe('Aaaa Newer');
  });
});

describe('roster live updates during a sync', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  function harness() {
    const listeners = new Map<string, (payload: unknown) => void>();
    const on = ((event: string, listener: (payload: unknown) => void) => {
      listeners.set(event, listener);
      return () => listeners.delete(event);
    }) as Api['on'];
    const refreshes: boolean[] = [];
    const unbind = bindRosterLive({ refresh: async (live) => void refreshes.push(live ?? false) }, on);
    const progress = (over: Partial<SyncProgressView>) =>
      listeners.get('sync:progress')?.({
        runId: 1,
        source: 'cliniko',
        phase: 'patients',
        step: 3,
        steps: 6,
        done: 0,
        total: null,
        percent: null,
        etaSeconds: null,
        requests: 1,
        waitingUntil: null,
        ...over,
      });
    const finished = () => listeners.get('sync:finished')?.({ source: 'cliniko' } as SyncRun);
    return { refreshes, progress, finished, unbind };
  }

  it('re-reads at most once a second while pages land, ten progress events a second', () => {
    vi.useFakeTimers();
    const { refreshes, progress } = harness();
    for (let tick = 1; tick <= 30; tick++) {
      progress({ done: tick * 50 });
      vi.advanceTimersByTime(100);
    }
    vi.advanceTimersByTime(LIVE_REFRESH_MS);
    expect(refreshes.length).toBeGreaterThanOrEqual(3);
    expect(refreshes.length).toBeLessThanOrEqual(4);
    expect(refreshes.every((live) => live)).toBe(true);
  });

  it('does not re-read for events that write nothing the roster shows', () => {
    vi.useFakeTimers();
    const { refreshes, progress } = harness();
    progress({ phase: 'connect' });
    progress({ phase: 'practitioners', done: 10 });
    progress({ done: 100 });
    vi.advanceTimersByTime(5 * LIVE_REFRESH_MS);
    // The same records done: an ETA update or a wait on a rate limit.
    for (let n = 0; n < 20; n++) progress({ done: 100, waitingUntil: '2026-03-10T02:10:00Z', etaSeconds: n });
    vi.advanceTimersByTime(5 * LIVE_REFRESH_MS);
    expect(refreshes).toEqual([true]);
  });

  it('re-reads once more, no longer held, when the run finishes', () => {
    vi.useFakeTimers();
    const { refreshes, progress, finished, unbind } = harness();
    progress({ done: 100 });
    progress({ done: 200 });
    finished();
    vi.advanceTimersByTime(5 * LIVE_REFRESH_MS);
    expect(refreshes).toEqual([true, false]);
    unbind();
    progress({ done: 300 });
    vi.advanceTimersByTime(5 * LIVE_REFRESH_MS);
    expect(refreshes).toEqual([true, false]);
  });
});
