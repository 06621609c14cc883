import { create } from 'zustand';
import type { ChannelInput, ChannelResult } from '@contract';
import type { Api } from '../api/client';
import { downloadText } from '../lib/download';
import { messageOf } from '../lib/errors';
import { reloadAfterSyncs } from './reload-after-syncs';

export type SyncRunStats = ChannelResult<'history:stats'>;
export type RunDetail = ChannelResult<'history:run'>;
export type HistoryRun = ChannelResult<'history:list'>['rows'][number];
export type RunStatusFilter = NonNullable<ChannelInput<'history:list'>['status']>;

export const HISTORY_PAGE_SIZE = 25;
/** How many recent runs the chart draws. */
export const CHART_RUNS = 60;

export interface HistoryState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  stats: SyncRunStats | null;
  runs: HistoryRun[];
  total: number;
  offset: number;
  statusFilter: RunStatusFilter | '';
  sourceFilter: string;
  /** The most recent runs (any status), newest first, for the chart. */
  recent: HistoryRun[];
  detailId: number | null;
  detail: RunDetail | null;
  detailError: string | null;
  exporting: boolean;
  exportError: string | null;
  /** Everything on the page: the health numbers, the chart and the current page of runs. */
  load(): Promise<void>;
  /** Another page of the table: only that page is fetched; the numbers above it do not move. */
  setPage(offset: number): void;
  setStatusFilter(status: RunStatusFilter | ''): void;
  setSourceFilter(source: string): void;
  openRun(id: number): Promise<void>;
  closeRun(): void;
  exportCsv(): Promise<void>;
}

/** Every sync run, its health over time, one run's errors and activity, and the CSV export. */
export function createHistoryStore(call: Api['call'], download: typeof downloadText = downloadText) {
  let generation = 0;
  let pageGeneration = 0;
  return create<HistoryState>((set, get) => {
    const sourceOnly = () => (get().sourceFilter ? { source: get().sourceFilter } : {});
    const pageQuery = () => {
      const { statusFilter, offset } = get();
      return { ...sourceOnly(), ...(statusFilter ? { status: statusFilter } : {}), limit: HISTORY_PAGE_SIZE, offset };
    };
    const loadPage = async (): Promise<void> => {
      const mine = ++pageGeneration;
      try {
        const page = await call('history:list', pageQuery());
        if (mine === pageGeneration) set({ runs: page.rows, total: page.total });
      } catch (err) {
        if (mine === pageGeneration) set({ status: 'error', error: messageOf(err, 'The sync history could not be loaded.') });
      }
    };
    return {
      status: 'idle',
      error: null,
      stats: null,
      runs: [],
      total: 0,
      offset: 0,
      statusFilter: '',
      sourceFilter: '',
      recent: [],
      detailId: null,
      detail: null,
      detailError: null,
      exporting: false,
      exportError: null,

      async load() {
        const mine = ++generation;
        const minePage = ++pageGeneration;
        if (get().status !== 'ready') set({ status: 'loading', error: null });
        try {
          const [stats, page, recent] = await Promise.all([
            call('history:stats', sourceOnly()),
            call('history:list', pageQuery()),
            call('history:list', { ...sourceOnly(), limit: CHART_RUNS, offset: 0 }),
          ]);
          if (mine !== generation) return;
          set({ status: 'ready', error: null, stats, recent: recent.rows });
          if (minePage === pageGeneration) set({ runs: page.rows, total: page.total });
        } catch (err) {
          if (mine !== generation) return;
          set({ status: 'error', error: messageOf(err, 'The sync history could not be loaded.') });
        }
      },

      setPage(offset) {
        set({ offset: Math.max(0, offset) });
        void loadPage();
      },

      setStatusFilter(statusFilter) {
        // The health numbers and chart cover every status; only the table follows this filter.
        set({ statusFilter, offset: 0 });
        void loadPage();
      },

      setSourceFilter(sourceFilter) {
        set({ sourceFilter, offset: 0 });
        void get().load();
      },

      async openRun(id) {
        set({ detailId: id, detail: null, detailError: null });
        try {
          const detail = await call('history:run', { id });
          if (get().detailId === id) set({ detail });
        } catch (err) {
          if (get().detailId === id) set({ detailError: messageOf(err, 'This run could not be loaded.') });
        }
      },

      closeRun() {
        set({ detailId: null, detail: null, detailError: null });
      },

      async exportCsv() {
        set({ exporting: true, exportError: null });
        try {
          const { fileName, content } = await call('history:csv', sourceOnly());
          download(fileName, content, 'text/csv;charset=utf-8');
          set({ exporting: false });
        } catch (err) {
          set({ exporting: false, exportError: messageOf(err, 'The history could not be exported.') });
        }
      },
    };
  });
}

export type HistoryStore = ReturnType<typeof createHistoryStore>;

/** A finished run changes every number on the page: one reload, half a second after a burst of them. */
export const bindHistory = (
  store: HistoryStore,
  on: Api['on'],
  timers?: Pick<typeof globalThis, 'setTimeout' | 'clearTimeout'>,
): (() => void) => reloadAfterSyncs(store, on, timers);
