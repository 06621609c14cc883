import { create } from 'zustand';
import type { ChannelInput, ChannelResult, EventPayload, SyncProgressView } from '@contract';
import type { Api } from '../api/client';
import { messageOf } from '../lib/errors';
import { frameBatch, type FrameScheduler } from '../lib/frame-batch';

export type SyncRun = EventPayload<'sync:finished'>;
export type SyncMode = NonNullable<ChannelInput<'sync:start'>['mode']>;
export type Refusal = ChannelResult<'sync:start'>['refused'][number];
export type FromHub = ChannelResult<'sync:start'>['fromHub'][number];

/** What a "Sync now" got: the sources that started, or why none did. */
export interface SyncStart {
  started: string[];
  problem: string | null;
}

export interface SyncRunsState {
  loaded: boolean;
  loadError: string | null;
  /** Live progress of each syncing source, by source id. */
  progress: Record<string, SyncProgressView>;
  /** The last run of each source that ended while this console was open, by source id, until dismissed. */
  finished: Record<string, SyncRun>;
  starting: boolean;
  startError: string | null;
  refused: Refusal[];
  /** On a desk of a clinic hub: what the last "Sync now" brought from the hub instead of the API. */
  fromHub: FromHub[];
  /** Sources whose cancel was asked for ('*': all). */
  cancelling: Record<string, boolean>;
  /** Active runs as the service knows them (at start, and after a lost connection). */
  load(): Promise<void>;
  /** The console's one way to start syncs: every "Sync now" calls it, and its problems show in one place. */
  syncNow(options?: { mode?: SyncMode; sources?: string[] }): Promise<SyncStart>;
  cancel(source?: string): Promise<void>;
  dismissSummary(source: string): void;
  dismissRefused(): void;
  dismissFromHub(): void;
  /** Applies events in the order they arrived (see bindSyncRuns). */
  apply(events: RunEvent[]): void;
}

export type RunEvent = { kind: 'progress'; progress: SyncProgressView } | { kind: 'finished'; run: SyncRun };

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

/** Live runs: their progress, how each ended, and starting or cancelling them. */
export function createSyncRunsStore(call: Api['call']) {
  /** Runs that have ended: late progress events for them are dropped. */
  const endedRuns = new Set<number>();
  let loading: Promise<void> | null = null;

  return create<SyncRunsState>((set, get) => ({
    loaded: false,
    loadError: null,
    progress: {},
    finished: {},
    starting: false,
    startError: null,
    refused: [],
    fromHub: [],
    cancelling: {},

    load() {
      loading ??= call('sync:status', {})
        .then((status) => {
          const progress: Record<string, SyncProgressView> = {};
          for (const p of status.active) if (!endedRuns.has(p.runId)) progress[p.source] = p;
          set({ loaded: true, loadError: null, progress });
        })
        .catch((err: unknown) => set({ loaded: true, loadError: messageOf(err, 'ClinicSync could not be reached.') }))
        .finally(() => {
          loading = null;
        });
      return loading;
    },

    async syncNow({ mode = 'incremental', sources } = {}) {
      set({ starting: true, startError: null, refused: [], fromHub: [] });
      try {
        const result = await call('sync:start', { mode, ...(sources ? { sources } : {}) });
        set((state) => {
          const progress = { ...state.progress };
          const finished = { ...state.finished };
          for (const { source, runId } of result.started) {
            if (!endedRuns.has(runId)) progress[source] ??= placeholder(source, runId);
            if (finished[source]?.id !== runId) delete finished[source];
          }
          return { starting: false, progress, finished, refused: result.refused, fromHub: result.fromHub };
        });
        const problem = result.started.length === 0 ? (result.refused[0]?.message ?? null) : null;
        return { started: result.started.map((s) => s.source), problem };
      } catch (err) {
        const startError = messageOf(err, 'The sync could not start. Check that ClinicSync is still running.');
        set({ starting: false, startError });
        return { started: [], problem: startError };
      }
    },

    async cancel(source) {
      const key = source ?? '*';
      set((state) => ({ cancelling: { ...state.cancelling, [key]: true } }));
      try {
        await call('sync:cancel', source ? { source } : {});
      } catch (err) {
        set((state) => ({
          startError: messageOf(err, 'The sync could not be cancelled.'),
          cancelling: { ...state.cancelling, [key]: false },
        }));
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

    dismissFromHub() {
      set({ fromHub: [] });
    },

    apply(events) {
      const state = get();
      const progress = { ...state.progress };
      const finished = { ...state.finished };
      const cancelling = { ...state.cancelling };
      for (const event of events) {
        if (event.kind === 'progress') {
          if (!endedRuns.has(event.progress.runId)) progress[event.progress.source] = event.progress;
          continue;
        }
        const { run } = event;
        endedRuns.add(run.id);
        if (progress[run.source]?.runId === run.id) delete progress[run.source];
        finished[run.source] = run;
        delete cancelling[run.source];
      }
      if (Object.keys(progress).length === 0) delete cancelling['*'];
      set({ progress, finished, cancelling });
    },
  }));
}

export type SyncRunsStore = ReturnType<typeof createSyncRunsStore>;

/** Feeds progress and finished runs to the store, at most once per frame, and catches up after a lost connection. */
export function bindSyncRuns(
  store: SyncRunsStore,
  on: Api['on'],
  onConnectionChange: (listener: (connected: boolean) => void) => () => void,
  schedule: FrameScheduler,
): () => void {
  const push = frameBatch<RunEvent>((events) => store.getState().apply(events), schedule);
  const unbind = [
    on('sync:progress', (progress) => push({ kind: 'progress', progress })),
    on('sync:finished', (run) => push({ kind: 'finished', run })),
    // Events sent while the connection was down are lost.
    onConnectionChange((connected) => {
      if (connected) void store.getState().load();
    }),
  ];
  void store.getState().load();
  return () => unbind.forEach((off) => off());
}
