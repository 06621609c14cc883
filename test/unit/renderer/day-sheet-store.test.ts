import { afterEach, describe, expect, it, vi } from 'vitest';
import { FILTERS_KEY } from '../../../renderer/src/lib/day-sheet-query';
import { bindDaySheet, createDaySheetStore } from '../../../renderer/src/store/day-sheet-store';
import { fakeApi, settle } from './support/fake-api';
import { runOf } from '../../support/sync-runs';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** A week of seven days from Monday 9 March; the sheet names the day it was asked for. */
const weekOf = (monday: number) => ({
  days: Array.from({ length: 7 }, (_, i) => ({ date: `2026-03-${String(monday + i).padStart(2, '0')}` })),
});

function daySheetApi() {
  return fakeApi({
    'appointments:day': (input) => ({ date: (input as { date: string }).date, rows: [] }),
    'appointments:week': (input) => weekOf((input as { date: string }).date < '2026-03-16' ? 9 : 16),
    'appointments:refreshDay': () => ({
      date: '2026-03-10',
      started: [
        { source: 'north', runId: 7 },
        { source: 'south', runId: 8 },
      ],
      refused: [],
    }),
  });
}

const storeOver = (api: ReturnType<typeof fakeApi>, download = vi.fn()) => createDaySheetStore(api.call, { download, clock: () => 42 });

describe('the day sheet store', () => {
  it('asks for the week only when the day moves into another week, and not again for the same day', async () => {
    const api = daySheetApi();
    const store = storeOver(api);
    store.getState().open('2026-03-10');
    await settle();
    store.getState().open('2026-03-10');
    store.getState().open('2026-03-11');
    await settle();
    expect(api.calls.map((c) => c.channel)).toEqual(['appointments:day', 'appointments:week', 'appointments:day']);
    store.getState().open('2026-03-17');
    await settle();
    expect(api.count('appointments:week')).toBe(2);
    expect(store.getState()).toMatchObject({ status: 'ready', date: '2026-03-17', sheet: { date: '2026-03-17' }, arrivedAt: 42 });
  });

  it('remembers a filter and asks for the day once with it', async () => {
    const items = new Map<string, string>();
    vi.stubGlobal('localStorage', { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => items.set(k, v) });
    const api = daySheetApi();
    const store = storeOver(api);
    store.getState().open('2026-03-10');
    await settle();
    store.getState().setFilters({ practitioner: 'Dr Mei Chen' });
    await settle();
    expect(api.calls.slice(2)).toEqual([
      { channel: 'appointments:day', input: { date: '2026-03-10', filters: { practitioners: ['Dr Mei Chen'] } } },
    ]);
    expect(JSON.parse(items.get(FILTERS_KEY) ?? '{}')).toMatchObject({ practitioner: 'Dr Mei Chen' });
    expect(createDaySheetStore(api.call).getState().filters.practitioner).toBe('Dr Mei Chen');
  });

  it('says what "Refresh this day" found once all its runs finished, and reloads the day and week once', async () => {
    vi.useFakeTimers();
    const api = daySheetApi();
    const store = storeOver(api);
    bindDaySheet(store, api.on);
    store.getState().open('2026-03-10');
    await vi.advanceTimersByTimeAsync(0);
    await store.getState().refreshDay();
    expect(store.getState().refreshing).toEqual([7, 8]);

    api.emit('sync:finished', runOf({ id: 7, counts: { appointmentsNew: 2, appointmentsUnchanged: 5 } }));
    expect(store.getState()).toMatchObject({ refreshing: [8], refreshMessage: null });
    api.emit('sync:finished', runOf({ id: 8, source: 'south', counts: { appointmentsUpdated: 1 } }));
    expect(store.getState()).toMatchObject({
      refreshing: [],
      refreshMessage: { tone: 'ok', text: 'Refreshed: 8 appointments checked, 3 appointments changed.' },
    });
    await vi.advanceTimersByTimeAsync(400);
    expect([api.count('appointments:day'), api.count('appointments:week')]).toEqual([2, 2]);
  });

  it('does not ask for anything on a finished run before a day was opened', async () => {
    vi.useFakeTimers();
    const api = daySheetApi();
    bindDaySheet(storeOver(api), api.on);
    api.emit('sync:finished', runOf());
    await vi.advanceTimersByTimeAsync(400);
    expect(api.calls).toEqual([]);
  });

  it('says why a day, a refresh or an export failed', async () => {
    const api = fakeApi({
      'appointments:refreshDay': () => ({
        date: '2026-03-10',
        started: [],
        refused: [{ source: 'north', code: 'budget', message: 'Northside has used today’s requests.' }],
      }),
    });
    const download = vi.fn();
    const store = storeOver(api, download);
    store.getState().open('2026-03-10');
    await settle();
    expect(store.getState()).toMatchObject({ status: 'error', error: expect.stringMatching(/disconnected/) });

    await store.getState().refreshDay();
    expect(store.getState()).toMatchObject({
      refreshing: [],
      refreshMessage: { tone: 'warn', text: 'Northside has used today’s requests.' },
    });

    await store.getState().exportFile('day', 'csv');
    expect(download).not.toHaveBeenCalled();
    expect(store.getState()).toMatchObject({
      exporting: false,
      refreshMessage: { tone: 'danger', text: expect.stringMatching(/disconnected/) },
    });
  });
});
