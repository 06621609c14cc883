import { create } from 'zustand';
import type { OrganizationView, RosterRow } from '@contract';
import { api } from '../api/client';
import { messageOf } from '../lib/errors';
import { blocksFor, blocksToEvict, DEFAULT_FILTERS, toRosterQuery, type RosterFilters } from '../lib/roster-query';
import { throttle } from '../lib/throttle';

/** Rows per `roster:query` window (the contract allows at most 500). */
export const BLOCK_SIZE = 200;
/** Blocks kept in memory (4,000 rows); the rest are fetched again when scrolled back to. */
const MAX_BLOCKS = 20;
/** Requests in flight at once while scrolling; newer visible blocks win over ones scrolled past. */
const MAX_IN_FLIGHT = 2;
/** Extra rows fetched around the visible ones, so slow scrolling never shows placeholders. */
const PREFETCH_ROWS = 60;

/** Counters over the whole cache, leaving out patients removed upstream. */
export interface RosterCounts {
  all: number;
  withUpcoming: number;
  unaffiliated: number;
}

interface RosterState {
  /** The filters chosen in the toolbar. */
  filters: RosterFilters;
  /** The filters of the rows and total on screen (they lag `filters` until the new answer arrives). */
  shownFilters: RosterFilters;
  /** Bumped when the filters change: the table scrolls to the top and drops rows of older queries. */
  generation: number;
  /** Patients matching the filters; null until the first answer. */
  total: number | null;
  /** Loaded windows of rows by block number (rows `block * BLOCK_SIZE` onwards). */
  blocks: Record<number, RosterRow[]>;
  /** True while the rows shown belong to older filters than the ones chosen. */
  pending: boolean;
  error: string | null;
  counts: RosterCounts | null;
  organizations: OrganizationView[];
  setFilters(change: Partial<RosterFilters>): void;
  resetFilters(): void;
  /** The table reports which rows are on screen; missing windows are fetched. */
  setVisibleRange(start: number, end: number): void;
  /** Re-queries what is on screen and the counters (live updates while a sync runs). */
  refresh(): Promise<void>;
  loadOrganizations(): Promise<void>;
}

let visible = { start: 0, end: 40 };
let requestedGeneration = 0;
const inFlight = new Set<number>();

/** The patient roster as windows of a server-side query: never more than a few thousand rows in memory. */
export const useRosterStore = create<RosterState>((set, get) => {
  const fetchBlock = async (block: number, generation: number, filters: RosterFilters): Promise<void> => {
    try {
      const page = await api.call('roster:query', { ...toRosterQuery(filters), offset: block * BLOCK_SIZE, limit: BLOCK_SIZE });
      if (generation !== requestedGeneration) return;
      set((s) => {
        const fresh = s.generation !== generation;
        const blocks = fresh ? { [block]: page.rows } : { ...s.blocks, [block]: page.rows };
        const centre = Math.floor(visible.start / BLOCK_SIZE);
        for (const drop of blocksToEvict(Object.keys(blocks).map(Number), centre, MAX_BLOCKS)) delete blocks[drop];
        return { blocks, total: page.total, generation, shownFilters: filters, pending: false, error: null };
      });
    } catch (err) {
      if (generation === requestedGeneration) set({ error: messageOf(err, 'The roster could not be loaded.'), pending: false });
    }
  };

  /** Fetches the visible windows that are missing, a couple at a time. */
  const pump = (): void => {
    const s = get();
    const generation = requestedGeneration;
    if (s.generation !== generation) return; // the first block of new filters is on its way
    const total = s.total ?? 0;
    const wanted = blocksFor(visible.start - PREFETCH_ROWS, visible.end + PREFETCH_ROWS, BLOCK_SIZE, total);
    for (const block of wanted) {
      if (inFlight.size >= MAX_IN_FLIGHT) return;
      if (s.blocks[block] || inFlight.has(block)) continue;
      inFlight.add(block);
      void fetchBlock(block, generation, s.filters).finally(() => {
        inFlight.delete(block);
        pump();
      });
    }
  };

  const requery = (filters: RosterFilters): void => {
    requestedGeneration += 1;
    const generation = requestedGeneration;
    inFlight.clear();
    visible = { start: 0, end: visible.end - visible.start };
    set({ filters, pending: true });
    void fetchBlock(0, generation, filters).then(pump);
  };

  return {
    filters: DEFAULT_FILTERS,
    shownFilters: DEFAULT_FILTERS,
    generation: 0,
    total: null,
    blocks: {},
    pending: true,
    error: null,
    counts: null,
    organizations: [],
    setFilters(change) {
      requery({ ...get().filters, ...change });
    },
    resetFilters() {
      requery({ ...DEFAULT_FILTERS, sort: get().filters.sort });
    },
    setVisibleRange(start, end) {
      visible = { start, end };
      pump();
    },
    async refresh() {
      const { filters, generation } = get();
      if (generation !== requestedGeneration) return;
      const shown = blocksFor(visible.start, visible.end, BLOCK_SIZE, Math.max(get().total ?? 0, visible.end + 1));
      const query = toRosterQuery(filters);
      try {
        const [pages, all, withUpcoming, unaffiliated] = await Promise.all([
          Promise.all(
            (shown.length ? shown : [0]).map((block) =>
              api.call('roster:query', { ...query, offset: block * BLOCK_SIZE, limit: BLOCK_SIZE }).then((page) => ({ block, page })),
            ),
          ),
          api.call('roster:query', { removed: false, limit: 1 }),
          api.call('roster:query', { removed: false, hasUpcoming: true, limit: 1 }),
          api.call('roster:query', { removed: false, affiliated: false, limit: 1 }),
        ]);
        if (generation !== requestedGeneration) return;
        // Rows off screen may have moved: keep only what was just re-read.
        const blocks: Record<number, RosterRow[]> = {};
        for (const { block, page } of pages) blocks[block] = page.rows;
        set({
          blocks,
          total: pages[0]?.page.total ?? 0,
          pending: false,
          error: null,
          counts: { all: all.total, withUpcoming: withUpcoming.total, unaffiliated: unaffiliated.total },
        });
        pump();
      } catch (err) {
        set({ error: messageOf(err, 'The roster could not be refreshed.') });
      }
    },
    async loadOrganizations() {
      try {
        set({ organizations: await api.call('organizations:list', {}) });
      } catch {
        // The organization filter keeps its last list; the roster itself still works.
      }
    },
  };
});

/** While a sync runs the roster re-reads what is on screen at most once a second. */
export const refreshRosterSoon = throttle(() => void useRosterStore.getState().refresh(), 1000);

api.on('sync:progress', () => refreshRosterSoon());
api.on('sync:finished', () => refreshRosterSoon());
api.on('sources:changed', () => refreshRosterSoon());
