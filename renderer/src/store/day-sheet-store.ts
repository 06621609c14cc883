import { create } from 'zustand';
import type { DaySheet, DaySheetExportFormat, SyncRun, WeekGlance } from '@contract';
import type { Api } from '../api/client';
import { downloadText } from '../lib/download';
import { readFilters, toQueryFilters, writeFilters, type RememberedFilters } from '../lib/day-sheet-query';
import { messageOf } from '../lib/errors';
import { onceAfter } from '../lib/once-after';

export type { PrintBy, RememberedFilters, StatusChoice } from '../lib/day-sheet-query';

export interface DaySheetState {
  /** The day on screen; null until the clinic's "today" is known. */
  date: string | null;
  filters: RememberedFilters;
  search: string;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  sheet: DaySheet | null;
  week: WeekGlance | null;
  /** performance.now() when the last sheet arrived, so the table can tell how long it took to draw. */
  arrivedAt: number;
  /** Runs of the last "Refresh this day" still going. */
  refreshing: number[];
  refreshMessage: { tone: 'ok' | 'warn' | 'danger'; text: string } | null;
  exporting: boolean;
  open(date: string): void;
  setFilters(patch: Partial<RememberedFilters>): void;
  setSearch(search: string): void;
  /** Reloads the day; the week too when it is another week, or `withWeek` (its counts changed). */
  load(options?: { withWeek?: boolean }): Promise<void>;
  refreshDay(): Promise<void>;
  exportFile(span: 'day' | 'week', format: DaySheetExportFormat): Promise<void>;
  /** A run finished: counted toward "Refresh this day" when it is one of its runs. */
  runFinished(run: SyncRun): void;
}

export interface DaySheetDeps {
  download?: typeof downloadText;
  /** When a sheet arrived (performance.now() in the console). */
  clock?: () => number;
}

/** The day sheet: one clinic day from the local cache, the week around it, and "Refresh this day". */
export function createDaySheetStore(call: Api['call'], deps: DaySheetDeps = {}) {
  const download = deps.download ?? downloadText;
  const clock = deps.clock ?? (() => performance.now());
  let generation = 0;
  /** The outcome of each run of the current refresh, as they finish. */
  let refreshOutcomes: SyncRun[] = [];
  return create<DaySheetState>((set, get) => ({
    date: null,
    filters: readFilters(),
    search: '',
    status: 'idle',
    error: null,
    sheet: null,
    week: null,
    arrivedAt: 0,
    refreshing: [],
    refreshMessage: null,
    exporting: false,

    open(date) {
      if (date === get().date) return;
      set({ date, refreshMessage: get().refreshing.length > 0 ? get().refreshMessage : null });
      void get().load();
    },

    setFilters(patch) {
      const filters = { ...get().filters, ...patch };
      writeFilters(filters);
      set({ filters });
      void get().load();
    },

    setSearch(search) {
      set({ search });
      void get().load();
    },

    async load(options = {}) {
      const { date, filters, search } = get();
      if (date === null) return;
      const mine = ++generation;
      set({ status: get().sheet ? get().status : 'loading', error: null });
      try {
        const query = toQueryFilters(filters, search);
        const weekChanged = get().week?.days.every((d) => d.date !== date) ?? true;
        const [sheet, week] = await Promise.all([
          call('appointments:day', { date, filters: query }),
          weekChanged || options.withWeek === true || get().status !== 'ready'
            ? call('appointments:week', { date })
            : Promise.resolve(get().week),
        ]);
        if (mine !== generation) return;
        set({ sheet, week, status: 'ready', arrivedAt: clock() });
      } catch (err) {
        if (mine !== generation) return;
        set({ status: 'error', error: messageOf(err, 'The appointments could not be loaded.') });
      }
    },

    async refreshDay() {
      const { date } = get();
      if (date === null || get().refreshing.length > 0) return;
      refreshOutcomes = [];
      try {
        const { started, refused } = await call('appointments:refreshDay', { date });
        const refusedText = refused.map((r) => r.message).join(' ');
        set({
          refreshing: started.map((s) => s.runId),
          refreshMessage: refused.length > 0 ? { tone: 'warn', text: refusedText } : null,
        });
      } catch (err) {
        set({ refreshMessage: { tone: 'danger', text: messageOf(err, 'This day could not be refreshed.') } });
      }
    },

    async exportFile(span, format) {
      const { date, filters, search } = get();
      if (date === null) return;
      set({ exporting: true });
      try {
        const file = await call('appointments:export', { date, span, format, filters: toQueryFilters(filters, search) });
        download(file.fileName, file.content, format === 'csv' ? 'text/csv;charset=utf-8' : 'text/calendar;charset=utf-8');
        set({ exporting: false });
      } catch (err) {
        set({ exporting: false, refreshMessage: { tone: 'danger', text: messageOf(err, 'The appointments could not be exported.') } });
      }
    },

    runFinished(run) {
      if (!get().refreshing.includes(run.id)) return;
      refreshOutcomes.push(run);
      const refreshing = get().refreshing.filter((id) => id !== run.id);
      set({ refreshing, ...(refreshing.length === 0 ? { refreshMessage: refreshSummary(refreshOutcomes) } : {}) });
    },
  }));
}

export type DaySheetStore = ReturnType<typeof createDaySheetStore>;

/** "Refreshed: 3 new, 1 updated." or why a source's refresh did not complete. */
function refreshSummary(runs: SyncRun[]): { tone: 'ok' | 'warn' | 'danger'; text: string } {
  const failed = runs.filter((run) => run.status !== 'completed' && run.status !== 'partial_success');
  if (failed.length > 0) {
    return {
      tone: failed.length === runs.length ? 'danger' : 'warn',
      text: failed.map((r) => r.errors[0]?.message ?? `Refresh ${r.status}.`).join(' '),
    };
  }
  const c = runs.reduce(
    (sum, run) => ({
      checked: sum.checked + run.counts.appointmentsNew + run.counts.appointmentsUpdated + run.counts.appointmentsUnchanged,
      changed: sum.changed + run.counts.appointmentsNew + run.counts.appointmentsUpdated + run.counts.appointmentsRemoved,
    }),
    { checked: 0, changed: 0 },
  );
  const changed = c.changed === 0 ? 'nothing had changed' : `${c.changed} ${c.changed === 1 ? 'appointment' : 'appointments'} changed`;
  return { tone: 'ok', text: `Refreshed: ${c.checked} ${c.checked === 1 ? 'appointment' : 'appointments'} checked, ${changed}.` };
}

/** Any finished sync may have changed the day on screen (the interval schedule keeps today fresh): one reload per burst. */
export function bindDaySheet(
  store: DaySheetStore,
  on: Api['on'],
  timers?: Pick<typeof globalThis, 'setTimeout' | 'clearTimeout'>,
): () => void {
  const reload = onceAfter(() => void store.getState().load({ withWeek: true }), 300, timers);
  const off = on('sync:finished', (run) => {
    store.getState().runFinished(run);
    if (store.getState().status !== 'idle') reload();
  });
  return () => {
    reload.cancel();
    off();
  };
}
