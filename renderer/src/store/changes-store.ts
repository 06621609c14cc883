import { create } from 'zustand';
import type { ChannelResult } from '@contract';
import { api, ApiError } from '../api/client';
import { countByKind, type ChangeKind, type GroupBy } from '../components/changes/group';

export type ChangeView = ChannelResult<'changes:list'>['rows'][number];

/** "Since the last sync" (the service's default), a fixed look-back, or a time the user picked. */
export type SinceChoice = 'last_sync' | 'day' | 'week' | 'custom';

/** Rows per request (the channel's maximum). */
const PAGE = 1000;
/** The most changes the page holds; beyond it, the user narrows the time or the source. */
export const MAX_ROWS = 3000;
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
  /** Also list what each source's first sync found (every appointment "new"). */
  includeInitialLoad: boolean;
  rows: ChangeView[];
  total: number;
  /** Changes of every kind since `since` (the "All" chip), from the last load without a kind filter. */
  allTotal: number | null;
  /** Per kind, when the last load without a kind filter had every change; null otherwise. */
  kindCounts: Record<ChangeKind, number> | null;
  /** Changes the case manager ticked off (kept in this browser only). */
  done: Record<number, true>;
  load(): Promise<void>;
  setSince(choice: SinceChoice, customIso?: string | null): void;
  setSource(source: string): void;
  toggleKind(kind: ChangeKind): void;
  clearKinds(): void;
  setGroupBy(groupBy: GroupBy): void;
  setHideDone(hide: boolean): void;
  setIncludeInitialLoad(include: boolean): void;
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
  includeInitialLoad: false,
  rows: [],
  total: 0,
  allTotal: null,
  kindCounts: null,
  done: readDone(),

  async load() {
    const mine = ++generation;
    const { sinceChoice, customSince, source, kinds, includeInitialLoad } = get();
    set({ status: get().status === 'ready' ? 'ready' : 'loading', error: null });
    try {
      // The service pages newest-detected first; the list sorts by appointment day, so it needs them all (up to a cap).
      let since = sinceFor(sinceChoice, customSince);
      let rows: ChangeView[] = [];
      let total = 0;
      do {
        const result = await api.call('changes:list', {
          ...(since ? { since } : {}),
          ...(source ? { source } : {}),
          ...(kinds.length > 0 ? { kinds } : {}),
          ...(includeInitialLoad ? { includeInitialLoad } : {}),
          limit: PAGE,
          offset: rows.length,
        });
        if (mine !== generation) return;
        since ??= result.since ?? undefined;
        const seen = new Set(rows.map((r) => r.id));
        rows = rows.concat(result.rows.filter((r) => !seen.has(r.id)));
        total = result.total;
        if (result.rows.length === 0) break;
      } while (rows.length < total && rows.length < MAX_ROWS);
      const unfiltered = kinds.length === 0;
      set({
        status: 'ready',
        since: since ?? null,
        rows,
        total,
        ...(unfiltered ? { allTotal: total, kindCounts: rows.length >= total ? countByKind(rows) : null } : {}),
      });
    } catch (err) {
      if (mine !== generation) return;
      set({ status: 'error', error: err instanceof ApiError ? err.message : 'The changes could not be loaded.' });
    }
  },

  setSince(choice, customIso) {
    set({
      sinceChoice: choice,
      customSince: customIso === undefined ? get().customSince : customIso,
      allTotal: null,
      kindCounts: null,
    });
    void get().load();
  },

  setSource(source) {
    set({ source, allTotal: null, kindCounts: null });
    void get().load();
  },

  toggleKind(kind) {
    set((s) => ({ kinds: s.kinds.includes(kind) ? s.kinds.filter((k) => k !== kind) : [...s.kinds, kind] }));
    void get().load();
  },

  clearKinds() {
    set({ kinds: [] });
    void get().load();
  },

  setGroupBy(groupBy) {
    set({ groupBy });
  },

  setHideDone(hideDone) {
    set({ hideDone });
  },

  setIncludeInitialLoad(includeInitialLoad) {
    set({ includeInitialLoad, allTotal: null, kindCounts: null });
    void get().load();
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
