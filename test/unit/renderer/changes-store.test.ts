import { afterEach, describe, expect, it, vi } from 'vitest';
import { LEGACY_DONE_KEY } from '../../../renderer/src/store/changes-done';
import { bindChanges, createChangesStore, type ChangeView } from '../../../renderer/src/store/changes-store';
import { fakeApi, settle } from './support/fake-api';
import { runOf } from '../../support/sync-runs';

afterEach(() => vi.useRealTimers());

const NOW = new Date('2026-03-10T02:07:30.000Z'); // 13:07 in Melbourne: the clinic day began at 13:00Z the day before
const change = (id: number, patch: Partial<ChangeView> = {}) => ({ id, kind: 'new', doneAt: null, doneBy: null, ...patch }) as ChangeView;

function memoryStorage(items: Record<string, string> = {}) {
  const map = new Map(Object.entries(items));
  return { map, getItem: (k: string) => map.get(k) ?? null, removeItem: (k: string) => void map.delete(k) };
}

/** A service holding `count` open changes, answering in pages as the real one does. */
function changesApi(count: number) {
  const rows = Array.from({ length: count }, (_, i) => change(count - i));
  return fakeApi({
    'changes:list': (input) => {
      const { limit, offset } = input as { limit: number; offset: number };
      return { since: null, total: rows.length, rows: rows.slice(offset, offset + limit) };
    },
    'changes:setDone': () => ({ found: 1, mark: { at: '2026-03-10T02:08:00.000Z', by: 'front-desk' } }),
  });
}

function storeOver(api: ReturnType<typeof fakeApi>, storage = memoryStorage()) {
  const marked = vi.fn();
  const store = createChangesStore(api.call, { clinicTimeZone: () => 'Australia/Melbourne', marked, storage, now: () => NOW });
  return { store, marked, storage };
}

describe('the changes store', () => {
  it('opens on the work-list from the start of the clinic’s day, fetching every page up to the cap', async () => {
    const api = changesApi(1500);
    const { store } = storeOver(api);
    await store.getState().load();
    expect(api.calls.map((c) => c.input)).toEqual([
      { openSince: '2026-03-09T13:00:00.000Z', limit: 1000, offset: 0 },
      { openSince: '2026-03-09T13:00:00.000Z', limit: 1000, offset: 1000 },
    ]);
    expect(store.getState()).toMatchObject({ status: 'ready', total: 1500, allTotal: 1500, kindCounts: { new: 1500 } });
    expect(store.getState().rows).toHaveLength(1500);
  });

  it('hands ticks an earlier version kept in this browser to the service once, before the first list', async () => {
    const api = changesApi(2);
    const { store, storage } = storeOver(api, memoryStorage({ [LEGACY_DONE_KEY]: '[1, 2]' }));
    await store.getState().load();
    await store.getState().load();
    expect(api.calls.map((c) => c.channel)).toEqual(['changes:setDone', 'changes:list', 'changes:list']);
    expect(api.calls[0]?.input).toEqual({ ids: [1, 2], done: true });
    expect(storage.map.has(LEGACY_DONE_KEY)).toBe(false);
  });

  it('asks once per filter change, with that filter', async () => {
    const api = changesApi(3);
    const { store } = storeOver(api);
    store.getState().setSource('north');
    await settle();
    store.getState().toggleKind('cancelled');
    await settle();
    store.getState().setSince('week');
    await settle();
    expect(api.calls.map((c) => c.input)).toEqual([
      { openSince: '2026-03-09T13:00:00.000Z', source: 'north', limit: 1000, offset: 0 },
      { openSince: '2026-03-09T13:00:00.000Z', source: 'north', kinds: ['cancelled'], limit: 1000, offset: 0 },
      { since: '2026-03-03T02:07:30.000Z', source: 'north', kinds: ['cancelled'], limit: 1000, offset: 0 },
    ]);
    store.getState().setGroupBy('detected');
    store.getState().setHideDone(true);
    expect(store.getState()).toMatchObject({ groupBy: 'detected', hideDone: true });
    expect(api.calls).toHaveLength(3); // grouping and hiding are done on screen, without a request
  });

  it('reloads after syncs finish only once the page was opened, once for a burst', async () => {
    vi.useFakeTimers();
    const api = changesApi(2);
    const { store } = storeOver(api);
    bindChanges(store, api.on);
    api.emit('sync:finished', runOf());
    await vi.advanceTimersByTimeAsync(600);
    expect(api.calls).toEqual([]);

    await store.getState().load();
    api.emit('sync:finished', runOf({ id: 2 }));
    api.emit('sync:finished', runOf({ id: 3, source: 'south' }));
    await vi.advanceTimersByTimeAsync(600);
    expect(api.count('changes:list')).toBe(2);
  });

  it('ticks a change at once, keeps the service’s mark, and updates the nav count', async () => {
    const api = changesApi(2);
    const { store, marked } = storeOver(api);
    await store.getState().load();
    const ticking = store.getState().toggleDone(2);
    expect(store.getState().rows.find((r) => r.id === 2)?.doneAt).toBe(NOW.toISOString());
    await ticking;
    expect(store.getState().rows.find((r) => r.id === 2)).toMatchObject({ doneAt: '2026-03-10T02:08:00.000Z', doneBy: 'front-desk' });
    expect(api.calls.at(-1)).toEqual({ channel: 'changes:setDone', input: { ids: [2], done: true } });
    expect(marked).toHaveBeenCalledTimes(1);
  });

  it('undoes a tick the service could not save and says so; a failed list says why and keeps nothing wrong', async () => {
    const api = changesApi(2);
    const { store, marked } = storeOver(api);
    await store.getState().load();
    delete api.handlers['changes:setDone'];
    await store.getState().toggleDone(1);
    expect(store.getState().rows.find((r) => r.id === 1)?.doneAt).toBeNull();
    expect(store.getState().markError).toBe('The done mark could not be saved.');
    expect(marked).not.toHaveBeenCalled();

    delete api.handlers['changes:list'];
    const fresh = storeOver(api).store;
    await fresh.getState().load();
    expect(fresh.getState()).toMatchObject({ status: 'error', error: 'The changes could not be loaded.', rows: [] });
  });
});
