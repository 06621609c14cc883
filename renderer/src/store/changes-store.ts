import { create } from 'zustand';
import type { ChannelResult } from '@contract';
import type { Api } from '../api/client';
import { ApiError } from '../api/transport';
import { countByKind, type ChangeKind, type GroupBy } from '../components/changes/group';
import { moveLegacyDoneMarks, withDoneMark } from './changes-done';
import { startOfClinicDay } from '../lib/clinic-time';
import { reloadAfterSyncs } from './reload-after-syncs';

export type ChangeView = ChannelResult<'changes:list'>['rows'][number];

/**
 * The work-list (every change still to do, plus those done today: the default, across any number of
 * syncs), "since the last sync", a fixed look-back, or a time the user picked.
 */
export type SinceChoice = 'open' | 'last_sync' | 'day' | 'week' | 'custom';

/** Rows per request (the channel's maximum). */
const PAGE = 1000;
/** The most changes the page holds; beyond it, the user narrows the time or the source. */
export const MAX_ROWS = 3000;

export interface ChangesState {
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
  /** Why the last tick could not be saved (the tick is undone on screen). */
  markError: string | null;
  load(): Promise<void>;
  setSince(choice: SinceChoice, customIso?: string | null): void;
  setSource(source: string): void;
  toggleKind(kind: ChangeKind): void;
  clearKinds(): void;
  setGroupBy(groupBy: GroupBy): void;
  setHideDone(hide: boolean): void;
  setIncludeInitialLoad(include: boolean): void;
  /** Ticks a change off the work-list, or puts it back; the mark is kept in the cache for every desk and face. */
  toggleDone(id: number): Promise<void>;
}

/** The query's time bounds for a choice: `openSince` for the work-list, `since` for the others. */
function boundsFor(choice: SinceChoice, custom: string | null, zone: string, now: Date): { since?: string; openSince?: string } {
  if (choice === 'open') return { openSince: startOfClinicDay(now, zone) };
  const since = sinceFor(choice, custom, now.getTime());
  return since ? { since } : {};
}

function sinceFor(choice: SinceChoice, custom: string | null, now: number): string | undefined {
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

export interface ChangesDeps {
  /** The clinic's time zone, for where "today" starts on the work-list. */
  clinicTimeZone(): string;
  /** A mark was saved: the count on the nav item moved. */
  marked(): void;
  /** Where an earlier version kept this browser's ticks. */
  storage: Pick<Storage, 'getItem' | 'removeItem'>;
  now?: () => Date;
}

/** What changed upstream: the morning work-list of rescheduled, cancelled and new appointments. */
export function createChangesStore(call: Api['call'], deps: ChangesDeps) {
  const now = deps.now ?? (() => new Date());
  let generation = 0;
  /** Ticks an earlier version kept in this browser are moved into the cache before the first load. */
  let legacyMoved = false;
  return create<ChangesState>((set, get) => ({
    status: 'idle',
    error: null,
    sinceChoice: 'open',
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
    markError: null,

    async load() {
      const mine = ++generation;
      const { sinceChoice, customSince, source, kinds, includeInitialLoad } = get();
      set({ status: get().status === 'ready' ? 'ready' : 'loading', error: null });
      try {
        legacyMoved ||= await moveLegacyDoneMarks(deps.storage, (ids) => call('changes:setDone', { ids, done: true }));
        if (mine !== generation) return;
        // The service pages newest-detected first; the list sorts by appointment day, so it needs them all (up to a cap).
        const bounds = boundsFor(sinceChoice, customSince, deps.clinicTimeZone(), now());
        let since = bounds.since;
        let rows: ChangeView[] = [];
        let total = 0;
        do {
          const result = await call('changes:list', {
            ...(since ? { since } : {}),
            ...(bounds.openSince ? { openSince: bounds.openSince } : {}),
            ...(source ? { source } : {}),
            ...(kinds.length > 0 ? { kinds } : {}),
            ...(includeInitialLoad ? { includeInitialLoad } : {}),
            limit: PAGE,
            offset: rows.length,
          });
          if (mine !== generation) return;
          if (!bounds.openSince) since ??= result.since ?? undefined;
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

    async toggleDone(id) {
      const row = get().rows.find((r) => r.id === id);
      if (!row) return;
      const done = row.doneAt === null;
      const ids = new Set([id]);
      // Shown at once; the service's mark (its time, this computer) replaces it when it answers.
      set((s) => ({ markError: null, rows: withDoneMark(s.rows, ids, done ? { at: now().toISOString(), by: '' } : null) }));
      try {
        const { mark } = await call('changes:setDone', { ids: [id], done });
        set((s) => ({ rows: withDoneMark(withDoneMark(s.rows, ids, null), ids, mark) }));
        deps.marked();
      } catch (err) {
        set((s) => ({
          rows: s.rows.map((r) => (r.id === id ? { ...r, doneAt: row.doneAt, doneBy: row.doneBy } : r)),
          markError: err instanceof ApiError ? err.message : 'The done mark could not be saved.',
        }));
      }
    },
  }));
}

export type ChangesStore = ReturnType<typeof createChangesStore>;

/** A sync that finishes may have found new changes (and moves "since the last sync"): one reload per burst, once the page was opened. */
export const bindChanges = (
  store: ChangesStore,
  on: Api['on'],
  timers?: Pick<typeof globalThis, 'setTimeout' | 'clearTimeout'>,
): (() => void) => reloadAfterSyncs(store, on, timers);
