import { create } from 'zustand';
import type { ChannelResult, EventPayload } from '@contract';
import type { Api } from '../api/client';
import { messageOf } from '../lib/errors';
import { frameBatch, type FrameScheduler } from '../lib/frame-batch';

export type ActivityLevel = ChannelResult<'activity:recent'>[number]['level'];

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

export interface ActivityState {
  lines: LogEntry[];
  loaded: boolean;
  error: string | null;
  /** The stored recent lines, merged with any that arrived live meanwhile. */
  load(): Promise<void>;
  append(lines: Array<EventPayload<'sync:activity'>>): void;
}

function sameLine(a: Pick<LogEntry, 'at' | 'message' | 'source'>, b: Pick<LogEntry, 'at' | 'message' | 'source'>): boolean {
  return a.at === b.at && a.message === b.message && a.source === b.source;
}

const capped = (lines: LogEntry[]): LogEntry[] => (lines.length > LOG_LIMIT ? lines.slice(lines.length - LOG_LIMIT) : lines);

/** The activity log: what the syncs said, stored and live. */
export function createActivityStore(call: Api['call']) {
  let seq = 0;
  const entry = (line: Omit<LogEntry, 'key'> & { id?: number }): LogEntry => ({
    key: line.id !== undefined ? `s${line.id}` : `l${++seq}`,
    at: line.at,
    level: line.level,
    source: line.source,
    runId: line.runId,
    message: line.message,
  });
  let loading: Promise<void> | null = null;

  return create<ActivityState>((set, get) => ({
    lines: [],
    loaded: false,
    error: null,
    load() {
      const since = get().lines.length;
      loading ??= call('activity:recent', { limit: 300, minLevel: 'debug' })
        .then((recent) =>
          set((state) => {
            const stored = recent.map((line) => entry(line));
            // Lines that arrived live while the stored ones were fetched may be among them.
            const live = state.lines.slice(since).filter((line) => !stored.some((s) => sameLine(s, line)));
            return { loaded: true, error: null, lines: capped([...stored, ...live]) };
          }),
        )
        .catch((err: unknown) => set({ loaded: true, error: messageOf(err, 'The activity log could not be loaded.') }))
        .finally(() => {
          loading = null;
        });
      return loading;
    },
    append(lines) {
      set((state) => ({ lines: capped(state.lines.concat(lines.map((line) => entry(line)))) }));
    },
  }));
}

export type ActivityStore = ReturnType<typeof createActivityStore>;

/** Live lines, at most one store update a frame; after a lost connection, the stored ones again. */
export function bindActivity(
  store: ActivityStore,
  on: Api['on'],
  onConnectionChange: (listener: (connected: boolean) => void) => () => void,
  schedule: FrameScheduler,
): () => void {
  const push = frameBatch<EventPayload<'sync:activity'>>((lines) => store.getState().append(lines), schedule);
  const unbind = [
    on('sync:activity', push),
    onConnectionChange((connected) => {
      if (connected && store.getState().loaded) void store.getState().load();
    }),
  ];
  return () => unbind.forEach((off) => off());
}
