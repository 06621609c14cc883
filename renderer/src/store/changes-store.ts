import { create } from 'zustand';
import type { ChannelResult } from '@contract';
import { api, ApiError } from '../api/client';
import type { ChangeKind, GroupBy } from '../components/changes/group';

export type ChangeView = ChannelResult<'changes:list'>['rows'][number];

/** "Since the last sync" (the service's default), a fixed look-back, or a time the user picked. */
export type SinceChoice = 'last_sync' | 'day' | 'week' | 'custom';

const PAGE = 500;
const DONE_KEY = 'clinicsync.changes.done';
const DONE_LIMIT = 2000;

interface ChangesState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  sinceChoice: SinceChoice;
  /** ISO instant for `custom`. */
  customSince: string | null;
  /** What the list starts at, as the service answered (null: no sync has finished yet). */
  since: string | null;
  source: string;
  kinds: ChangeKind[];
  groupBy: GroupBy;
  hideDone: boolean;
  rows: ChangeView[];
  total: number;
  loadingMore: boolean;
  /** Changes the case manager ticked off (kept in this browser only). */
  done: Record<number, true>;
  load(): Promise<void>;
  loadMore(): Promise<void>;
  setSince(choice: SinceChoice, customIso?: string | null): void;
  setSource(source: string): void;
  toggleKind(kind: ChangeKind): void;
  clearKinds(): void;
  setGroupBy(groupBy: GroupBy): void;
  setHideDone(hide: boolean): void;
  toggleDone(id: number): void;
}

function readDone(): Record<number, true> {
  try {
    const ids = JSON.parse(localStorage.getItem(DONE_KEY) ?? '[]') as unknown;
    return Array.isArray(ids) ? Object.fromEntries(ids.filter((id) => typeof id === 'number').map((id: number) => [id, true])) : {};
  } catch {
    return {};
  }
}

function writeDone(done: Record<number, true>): void {
  try {
    const ids = Object.keys(done)
      .map(Number)
      .sort((a, b) => b - a)
      .slice(0, DONE_LIMIT);
    localStorage.setItem(DONE_KEY, JSON.stringify(ids));
  } catch {
    // Storage full or blocked: ticks last for this session only.
  }
}

function sinceFor(choice: SinceChoice, custom: string | null, now = Date.now()): string | undefined {
  switch (choice) {
    case 'day':
      return new Date(now - 86_400_000).toISOString();
    case 'week':
      return new Date(now - 7 * 86_400_000).toISOString();
    case 'custom':
      return custom ?? undefined;
    default:
      return undefined;
  }
}

let generation = 0;

/** What changed upstream: the morning work-list of rescheduled, cancelled and new appointments. */
export const useChangesStore = create<ChangesState>((set, get) => ({
  status: 'idle',
  error: null,
  sinceChoice: 'last_sync',
  customSince: null,
  since: null,
  source: '',
  kinds: [],
  groupBy: 'appointment',
  hideDone: false,
  rows: [],
  total: 0,
  loadingMore: false,
  done: readDone(),

  async load() {
    const mine = ++generation;
    const { sinceChoice, customSince, source } = get();
    set({ status: get().status === 'ready' ? 'ready' : 'loading', error: null });
    try {
      const since = sinceFor(sinceChoice, customSince);
      const result = await api.call('changes:list', {
        ...(since ? { since } : {}),
        ...(source ? { source } : {}),
        limit: PAGE,
        offset: 0,
      });
      if (mine !== generation) return;
      set({ status: 'ready', since: result.since, rows: result.rows, total: result.total });
    } catch (err) {
      if (mine !== generation) return;
      set({ status: 'error', error: err instanceof ApiError ? err.message : 'The changes could not be loaded.' });
    }
  },

  async loadMore() {
    const { rows, total, since, source, loadingMore } = get();
    if (loadingMore || rows.length >= total) return;
    const mine = generation;
    set({ loadingMore: true });
    try {
      const result = await api.call('changes:list', {
        ...(since ? { since } : {}),
        ...(source ? { source } : {}),
        limit: PAGE,
        offset: rows.length,
      });
      if (mine !== generation) return;
      const seen = new Set(rows.map((r) => r.id));
      set({ rows: rows.concat(result.rows.filter((r) => !seen.has(r.id))), total: result.total, loadingMore: false });
    } catch (err) {
      if (mine !== generation) return;
      set({ loadingMore: false, error: err instanceof ApiError ? err.message : 'More changes could not be loaded.' });
    }
  },

  setSince(choice, customIso) {
    set({ sinceChoice: choice, customSince: customIso === undefined ? get().customSince : customIso });
    void get().load();
  },

  setSource(source) {
    set({ source });
    void get().load();
  },

  toggleKind(kind) {
    set((s) => ({ kinds: s.kinds.includes(kind) ? s.kinds.filter((k) => k !== kind) : [...s.kinds, kind] }));
  },

  clearKinds() {
    set({ kinds: [] });
  },

  setGroupBy(groupBy) {
    set({ groupBy });
  },

  setHideDone(hideDone) {
    set({ hideDone });
  },

  toggleDone(id) {
    set((s) => {
      const done = { ...s.done };
      if (done[id]) delete done[id];
      else done[id] = true;
      writeDone(done);
      return { done };
    });
  },
}));

// A sync that finishes may have found new changes (and moves "since the last sync").
let reloadTimer: ReturnType<typeof setTimeout> | null = null;
api.on('sync:finished', () => {
  if (useChangesStore.getState().status === 'idle' || reloadTimer) return;
  reloadTimer = setTimeout(() => {
    reloadTimer = null;
    void useChangesStore.getState().load();
  }, 500);
});
