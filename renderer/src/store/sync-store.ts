import { create } from 'zustand';
import type { ChannelInput, ChannelResult, EventPayload } from '@contract';
import { api, ApiError, onConnectionChange } from '../api/client';
import { useSettingsStore } from './settings-store';

export type SyncProgressView = EventPayload<'sync:progress'>;
export type SyncRun = EventPayload<'sync:finished'>;
export type SourceView = ChannelResult<'sources:list'>[number];
export type SyncMode = NonNullable<ChannelInput<'sync:start'>['mode']>;
export type ActivityLevel = ChannelResult<'activity:recent'>[number]['level'];
export type Refusal = ChannelResult<'sync:start'>['refused'][number];

/** One line of the live activity log; `key` is stable across renders. */
export interface LogEntry {
  key: string;
  at: string;
  level: ActivityLevel;
  source: string | null;
  runId: number | null;
  message: string;
}

/** The log keeps this many lines; older ones stay in History. */
export const LOG_LIMIT = 1000;

interface SyncState {
  loaded: boolean;
  loadError: string | null;
  sources: SourceView[];
  /** Requests a source's active run had made when `sources` was fetched (its budget already counts them). */
  budgetBaseline: Record<string, number>;
  /** The clinic's zone (settings.schedule.timeZone); the browser's until settings arrive. */
  timeZone: string;
  /** Live progress of each syncing source, by source id. */
  progress: Record<string, SyncProgressView>;
  /** The last run of each source that ended while this console was open, by source id. */
  finished: Record<string, SyncRun>;
  activity: LogEntry[];
  starting: boolean;
  startError: string | null;
  refused: Refusal[];
  cancelling: Record<string, boolean>;
  load(): Promise<void>;
  loadTimeZone(): Promise<string>;
  refreshSources(): Promise<void>;
  start(mode: SyncMode, sources?: string[]): Promise<void>;
  cancel(source?: string): Promise<void>;
  dismissSummary(source: string): void;
  dismissRefused(): void;
}

const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

function messageOf(err: unknown, fallback: string): string {
  return err instanceof ApiError ? err.message : fallback;
}

let seq = 0;
function entry(line: Omit<LogEntry, 'key'> & { id?: number }): LogEntry {
  return {
    key: line.id !== undefined ? `s${line.id}` : `l${++seq}`,
    at: line.at,
    level: line.level,
    source: line.source,
    runId: line.runId,
    message: line.message,
  };
}

function sameLine(a: Pick<LogEntry, 'at' | 'message' | 'source'>, b: Pick<LogEntry, 'at' | 'message' | 'source'>): boolean {
  return a.at === b.at && a.message === b.message && a.source === b.source;
}

/** A run that just started, shown at once until its first progress event arrives. */
function placeholder(source: string, runId: number): SyncProgressView {
  return {
    runId,
    source,
    phase: 'connect',
    step: 0,
    steps: 0,
    done: 0,
    total: null,
    percent: null,
    etaSeconds: null,
    requests: 0,
    waitingUntil: null,
  };
}

let loading: Promise<void> | null = null;
let zoneLoading: Promise<string> | null = null;
/** Runs that have ended: late progress events for them are dropped. */
const endedRuns = new Set<number>();

/** The sync panel: sources and their budgets, live progress, run summaries and the activity log. */
export const useSyncStore = create<SyncState>((set, get) => ({
  loaded: false,
  loadError: null,
  sources: [],
  budgetBaseline: {},
  timeZone: browserZone,
  progress: {},
  finished: {},
  activity: [],
  starting: false,
  startError: null,
  refused: [],
  cancelling: {},

  load() {
    loading ??= (async () => {
      const since = get().activity.length;
      try {
        const [sources, status, recent] = await Promise.all([
          api.call('sources:list', {}),
          api.call('sync:status', {}),
          api.call('activity:recent', { limit: 300, minLevel: 'debug' }),
          get().loadTimeZone(),
        ]);
        set((state) => {
          const progress: Record<string, SyncProgressView> = {};
          for (const p of status.active) if (!endedRuns.has(p.runId)) progress[p.source] = p;
          // Lines that arrived live while the stored ones were fetched may be among them.
          const stored = recent.map((line) => entry(line));
          const live = state.activity.slice(since).filter((line) => !stored.some((s) => sameLine(s, line)));
          return {
            loaded: true,
            loadError: null,
            sources,
            budgetBaseline: baselineOf(progress),
            progress,
            activity: [...stored, ...live].slice(-LOG_LIMIT),
          };
        });
      } catch (err) {
        set({ loaded: true, loadError: messageOf(err, 'ClinicSync could not be reached.') });
      } finally {
        loading = null;
      }
    })();
    return loading;
  },

  loadTimeZone() {
    zoneLoading ??= api
      .call('settings:get', {})
      .then((settings) => {
        const zone = settings.schedule.timeZone || browserZone;
        set({ timeZone: zone });
        return zone;
      })
      .catch(() => {
        zoneLoading = null;
        return get().timeZone;
      });
    return zoneLoading;
  },

  async refreshSources() {
    try {
      const sources = await api.call('sources:list', {});
      set((state) => ({ sources, budgetBaseline: baselineOf(state.progress) }));
    } catch {
      // Keep what is shown; the next event or visit tries again.
    }
  },

  async start(mode, sources) {
    set({ starting: true, startError: null, refused: [] });
    try {
      const result = await api.call('sync:start', { mode, ...(sources ? { sources } : {}) });
      set((state) => {
        const progress = { ...state.progress };
        const finished = { ...state.finished };
        for (const { source, runId } of result.started) {
          if (!endedRuns.has(runId)) progress[source] ??= placeholder(source, runId);
          if (finished[source] && finished[source].id !== runId) delete finished[source];
        }
        return { starting: false, progress, finished, refused: result.refused };
      });
    } catch (err) {
      set({ starting: false, startError: messageOf(err, 'The sync could not start. Check that ClinicSync is still running.') });
    }
  },

  async cancel(source) {
    const key = source ?? '*';
    set((state) => ({ cancelling: { ...state.cancelling, [key]: true } }));
    try {
      await api.call('sync:cancel', source ? { source } : {});
    } catch (err) {
      set({ startError: messageOf(err, 'The sync could not be cancelled.') });
      set((state) => ({ cancelling: { ...state.cancelling, [key]: false } }));
    }
  },

  dismissSummary(source) {
    set((state) => {
      const finished = { ...state.finished };
      delete finished[source];
      return { finished };
    });
  },

  dismissRefused() {
    set({ refused: [], startError: null });
  },
}));

function baselineOf(progress: Record<string, SyncProgressView>): Record<string, number> {
  return Object.fromEntries(Object.entries(progress).map(([source, p]) => [source, p.requests]));
}

/** Requests spent today against a source's budget, including its run in flight. */
export function liveBudgetUsed(source: SourceView, progress: SyncProgressView | undefined, baseline: number | undefined): number {
  if (!source.budget) return 0;
  const extra = progress ? Math.max(0, progress.requests - (baseline ?? progress.requests)) : 0;
  return Math.min(source.budget.limit, source.budget.used + extra);
}

// ---- Events, applied at most once per animation frame so a fast stream never floods React. ----

let pendingProgress = new Map<string, SyncProgressView>();
let pendingLines: LogEntry[] = [];
let pendingFinished: SyncRun[] = [];
let frame: number | null = null;

function flush(): void {
  frame = null;
  const progressBatch = pendingProgress;
  const lines = pendingLines;
  const ended = pendingFinished;
  pendingProgress = new Map();
  pendingLines = [];
  pendingFinished = [];
  useSyncStore.setState((state) => {
    const next: Partial<SyncState> = {};
    if (progressBatch.size > 0 || ended.length > 0) {
      const progress = { ...state.progress };
      for (const [source, p] of progressBatch) if (!endedRuns.has(p.runId)) progress[source] = p;
      const finished = { ...state.finished };
      const cancelling = { ...state.cancelling };
      for (const run of ended) {
        if (progress[run.source]?.runId === run.id) delete progress[run.source];
        finished[run.source] = run;
        delete cancelling[run.source];
      }
      if (Object.keys(progress).length === 0) delete cancelling['*'];
      Object.assign(next, { progress, finished, cancelling });
    }
    if (lines.length > 0) {
      const all = state.activity.concat(lines);
      next.activity = all.length > LOG_LIMIT ? all.slice(all.length - LOG_LIMIT) : all;
    }
    return next;
  });
}

function schedule(): void {
  if (frame !== null) return;
  // requestAnimationFrame pauses in a hidden tab; a timer keeps the state current for when it returns.
  frame = document.hidden ? window.setTimeout(flush, 250) : requestAnimationFrame(flush);
}

api.on('sync:progress', (p) => {
  pendingProgress.set(p.source, p);
  schedule();
});

api.on('sync:activity', (line) => {
  pendingLines.push(entry(line));
  if (pendingLines.length > LOG_LIMIT) pendingLines = pendingLines.slice(-LOG_LIMIT);
  schedule();
});

api.on('sync:finished', (run) => {
  endedRuns.add(run.id);
  pendingProgress.delete(run.source);
  pendingFinished.push(run);
  schedule();
  void useSyncStore.getState().refreshSources();
});

let sourcesTimer: ReturnType<typeof setTimeout> | null = null;
api.on('sources:changed', () => {
  if (sourcesTimer) return;
  sourcesTimer = setTimeout(() => {
    sourcesTimer = null;
    void useSyncStore.getState().refreshSources();
  }, 300);
});

// Events sent while the connection was down are lost: catch up when it returns.
onConnectionChange((connected) => {
  if (connected && useSyncStore.getState().loaded) void useSyncStore.getState().load();
});

// The clinic's zone follows Settings as soon as it is saved there.
useSettingsStore.subscribe((state) => {
  const zone = state.settings?.schedule.timeZone;
  if (zone && zone !== useSyncStore.getState().timeZone) useSyncStore.setState({ timeZone: zone });
});
