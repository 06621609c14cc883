import { createStore } from 'zustand';
import type { OrganizationView, RosterCounts, RosterRow } from '@contract';
import type { Api } from '../api/client';
import { messageOf } from '../lib/errors';
import { blocksFor, blocksToEvict, DEFAULT_FILTERS, toRosterQuery, type RosterFilters } from '../lib/roster-query';

/** Rows per `roster:query` window (the contract allows at most 500). */
export const BLOCK_SIZE = 200;
/** Blocks kept in memory (4,000 rows); the rest are fetched again when scrolled back to. */
const MAX_BLOCKS = 20;
/** Requests in flight at once while scrolling; newer visible blocks win over ones scrolled past. */
const MAX_IN_FLIGHT = 2;
/** Extra rows fetched around the visible ones, so slow scrolling never shows placeholders. */
const PREFETCH_ROWS = 60;

/** What a refresh read: the rows on screen and the total of the filters they belong to. */
interface RosterView {
  blocks: Record<number, RosterRow[]>;
  total: number;
  totalIsCapped: boolean;
}

export interface RosterState {
  /** The filters chosen in the toolbar. */
  filters: RosterFilters;
  /** The filters of the rows and total on screen (they lag `filters` until the new answer arrives). */
  shownFilters: RosterFilters;
  /** Bumped when the filters change: the table scrolls to the top and drops rows of older queries. */
  generation: number;
  /** Patients matching the filters; null until the first answer. At the cap when `totalIsCapped`. */
  total: number | null;
  /** More patients match than `total` (a broad search, counted only up to the cap). */
  totalIsCapped: boolean;
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
  /**
   * Re-reads what is on screen and the counters. `live` (a sync wrote something) keeps the rows in
   * their order while the user points at or focuses the table; they follow on release or scroll.
   */
  refresh(live?: boolean): Promise<void>;
  /** The pointer or keyboard focus entered (true) or left (false) the table. */
  setEngaged(engaged: boolean): void;
  loadOrganizations(): Promise<void>;
}

/**
 * The patient roster as windows of a server-side query: never more than a few thousand rows in
 * memory. The total is counted once per filter (with the first window, capped for a broad
 * search); further windows ask for rows only, and the exact total only when scrolled to the cap.
 */
export function createRosterStore(call: Api['call']) {
  let visible = { start: 0, end: 40 };
  let requestedGeneration = 0;
  let engaged = false;
  /** A live refresh read while the user was engaged with the table: shown on release or scroll. */
  let held: RosterView | null = null;
  /** The exact total of a capped one is asked once, when scrolled to the cap. */
  let exactAsked = false;
  const inFlight = new Set<number>();

  return createStore<RosterState>((set, get) => {
    const centre = () => Math.floor(visible.start / BLOCK_SIZE);
    const keepNearby = (blocks: Record<number, RosterRow[]>) => {
      for (const drop of blocksToEvict(Object.keys(blocks).map(Number), centre(), MAX_BLOCKS)) delete blocks[drop];
      return blocks;
    };

    const showHeld = (): void => {
      if (!held) return;
      const view = held;
      held = null;
      exactAsked = false;
      set(view);
      pump();
    };

    /** The first block of new filters brings their total; any later one, rows only (or the exact total past the cap). */
    const fetchBlock = async (
      block: number,
      generation: number,
      filters: RosterFilters,
      count: 'auto' | 'exact' | 'none',
    ): Promise<void> => {
      try {
        const page = await call('roster:query', { ...toRosterQuery(filters), offset: block * BLOCK_SIZE, limit: BLOCK_SIZE, count });
        if (generation !== requestedGeneration) return;
        set((s) => {
          const fresh = s.generation !== generation;
          const blocks = keepNearby(fresh ? { [block]: page.rows } : { ...s.blocks, [block]: page.rows });
          const total = page.total === null ? {} : { total: page.total, totalIsCapped: page.totalIsCapped };
          return { blocks, ...total, generation, shownFilters: filters, pending: false, error: null };
        });
      } catch (err) {
        if (generation === requestedGeneration) set({ error: messageOf(err, 'The roster could not be loaded.'), pending: false });
      }
    };

    /** Fetches the visible windows that are missing, a couple at a time. */
    const pump = (): void => {
      const s = get();
      const generation = requestedGeneration;
      if (s.generation !== generation || held) return; // the first block of new filters is on its way, or the rows are held
      const total = s.total ?? 0;
      const wanted = blocksFor(visible.start - PREFETCH_ROWS, visible.end + PREFETCH_ROWS, BLOCK_SIZE, total);
      for (const block of wanted) {
        if (inFlight.size >= MAX_IN_FLIGHT) return;
        const reachesCap = s.totalIsCapped && !exactAsked && (block + 1) * BLOCK_SIZE >= total;
        if ((s.blocks[block] && !reachesCap) || inFlight.has(block)) continue;
        if (reachesCap) exactAsked = true;
        inFlight.add(block);
        void fetchBlock(block, generation, s.filters, reachesCap ? 'exact' : 'none').finally(() => {
          inFlight.delete(block);
          pump();
        });
      }
    };

    const requery = (filters: RosterFilters): void => {
      requestedGeneration += 1;
      const generation = requestedGeneration;
      inFlight.clear();
      held = null;
      exactAsked = false;
      visible = { start: 0, end: visible.end - visible.start };
      set({ filters, pending: true });
      void fetchBlock(0, generation, filters, 'auto').then(pump);
    };

    const loadCounts = async (): Promise<void> => {
      try {
        set({ counts: await call('roster:counts', {}) });
      } catch {
        // The counters keep their last values; the rows below say when the roster cannot load.
      }
    };

    return {
      filters: DEFAULT_FILTERS,
      shownFilters: DEFAULT_FILTERS,
      generation: 0,
      total: null,
      totalIsCapped: false,
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
        const scrolled = start !== visible.start;
        visible = { start, end };
        if (scrolled) showHeld();
        pump();
      },
      setEngaged(now) {
        engaged = now;
        if (!now) showHeld();
      },
      async refresh(live = false) {
        const { filters, generation } = get();
        if (generation !== requestedGeneration) return;
        const shown = blocksFor(visible.start, visible.end, BLOCK_SIZE, Math.max(get().total ?? 0, visible.end + 1));
        const query = toRosterQuery(filters);
        // The first block on screen counts again (the cache changed); any other, rows only.
        const reads = (shown.length ? shown : [0]).map((block, n) =>
          call('roster:query', { ...query, offset: block * BLOCK_SIZE, limit: BLOCK_SIZE, count: n === 0 ? 'auto' : 'none' }).then(
            (page) => ({ block, page }),
          ),
        );
        try {
          const [pages] = await Promise.all([Promise.all(reads), loadCounts()]);
          if (generation !== requestedGeneration) return;
          // Rows off screen may have moved: keep only what was just re-read.
          const view: RosterView = { blocks: {}, total: pages[0]?.page.total ?? 0, totalIsCapped: pages[0]?.page.totalIsCapped ?? false };
          for (const { block, page } of pages) view.blocks[block] = page.rows;
          set({ pending: false, error: null });
          held = view;
          if (!(live && engaged)) showHeld();
        } catch (err) {
          set({ error: messageOf(err, 'The roster could not be refreshed.') });
        }
      },
      async loadOrganizations() {
        try {
          set({ organizations: await call('organizations:list', {}) });
        } catch {
          // The organization filter keeps its last list; the roster itself still works.
        }
      },
    };
  });
}

export type RosterStore = ReturnType<typeof createRosterStore>;
