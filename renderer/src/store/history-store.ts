import { create } from 'zustand';
import type { ChannelInput, ChannelResult } from '@contract';
import { api, ApiError } from '../api/client';
import { downloadText } from '../lib/download';

export type SyncRunStats = ChannelResult<'history:stats'>;
export type RunDetail = ChannelResult<'history:run'>;
export type HistoryRun = ChannelResult<'history:list'>['rows'][number];
export type RunStatusFilter = NonNullable<ChannelInput<'history:list'>['status']>;

export const HISTORY_PAGE_SIZE = 25;
/** How many recent runs the chart draws. */
export const CHART_RUNS = 60;

interface HistoryState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  stats: SyncRunStats | null;
  runs: HistoryRun[];
  total: number;
  offset: number;
  statusFilter: RunStatusFilter | '';
  sourceFilter: string;
  /** The most recent runs (any filter), oldest last, for the chart. */
  recent: HistoryRun[];
  /** The next automatic retry of a failed scheduled run, if one is coming. */
  retry: ChannelResult<'sync:status'>['schedule']['retry'];
  detailId: number | null;
  detail: RunDetail | null;
  detailError: string | null;
  exporting: boolean;
  exportError: string | null;
  load(): Promise<void>;
  setPage(offset: number): void;
  setStatusFilter(status: RunStatusFilter | ''): void;
  setSourceFilter(source: string): void;
  openRun(id: number): Promise<void>;
  closeRun(): void;
  exportCsv(): Promise<void>;
}

function messageOf(err: unknown, fallback: string): string {
  return err instanceof ApiError ? err.message : fallback;
}

let generation = 0;

/** Every sync run, its health over time, one run's errors and activity, and the CSV export. */
export const useHistoryStore = create<HistoryState>((set, get) => ({
  status: 'idle',
  error: null,
  stats: null,
  runs: [],
  total: 0,
  offset: 0,
  statusFilter: '',
  sourceFilter: '',
  recent: [],
  retry: null,
  detailId: null,
  detail: null,
  detailError: null,
  exporting: false,
  exportError: null,

  async load() {
    const mine = ++generation;
    const { offset, statusFilter, sourceFilter } = get();
    if (get().status !== 'ready') set({ status: 'loading', error: null });
    try {
      const source = sourceFilter ? { source: sourceFilter } : {};
      const [stats, page, recent, syncStatus] = await Promise.all([
        api.call('history:stats', source),
        api.call('history:list', { ...source, ...(statusFilter ? { status: statusFilter } : {}), limit: HISTORY_PAGE_SIZE, offset }),
        api.call('history:list', { ...source, limit: CHART_RUNS, offset: 0 }),
        api.call('sync:status', {}),
      ]);
      if (mine !== generation) return;
      const retry = syncStatus.schedule.retry;
      set({ status: 'ready', error: null, stats, runs: page.rows, total: page.total, recent: recent.rows, retry });
    } catch (err) {
      if (mine !== generation) return;
      set({ status: 'error', error: messageOf(err, 'The sync history could not be loaded.') });
    }
  },

  setPage(offset) {
    set({ offset: Math.max(0, offset) });
    void get().load();
  },

  setStatusFilter(statusFilter) {
    set({ statusFilter, offset: 0 });
    void get().load();
  },

  setSourceFilter(sourceFilter) {
    set({ sourceFilter, offset: 0 });
    void get().load();
  },

  async openRun(id) {
    set({ detailId: id, detail: null, detailError: null });
    try {
      const detail = await api.call('history:run', { id });
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
      const { sourceFilter } = get();
      const { fileName, content } = await api.call('history:csv', sourceFilter ? { source: sourceFilter } : {});
      downloadText(fileName, content, 'text/csv;charset=utf-8');
      set({ exporting: false });
    } catch (err) {
      set({ exporting: false, exportError: messageOf(err, 'The history could not be exported.') });
    }
  },
}));

// New runs change every number on the page.
let reloadTimer: ReturnType<typeof setTimeout> | null = null;
api.on('sync:finished', () => {
  if (useHistoryStore.getState().status === 'idle' || reloadTimer) return;
  reloadTimer = setTimeout(() => {
    reloadTimer = null;
    void useHistoryStore.getState().load();
  }, 500);
});
