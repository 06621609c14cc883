import { create } from 'zustand';
import type { ScheduleStatusView } from '@contract';
import type { Api } from '../api/client';
import { messageOf } from '../lib/errors';

export interface ScheduleState {
  /** The scheduler as the service runs it: active or paused, its next run, a retry or a deferred run. */
  status: ScheduleStatusView | null;
  pausing: boolean;
  error: string | null;
  load(): Promise<void>;
  /** Pauses or resumes the automatic syncs (the schedule itself is kept). */
  setPaused(paused: boolean): Promise<void>;
}

/** The scheduler's live state, for the Sync page, the Roster and Settings. */
export function createScheduleStore(call: Api['call']) {
  let generation = 0;
  return create<ScheduleState>((set) => ({
    status: null,
    pausing: false,
    error: null,
    async load() {
      const mine = ++generation;
      try {
        const { schedule } = await call('sync:status', {});
        if (mine === generation) set({ status: schedule, error: null });
      } catch (err) {
        if (mine === generation) set({ error: messageOf(err, 'The schedule could not be loaded.') });
      }
    },
    async setPaused(paused) {
      set({ pausing: true, error: null });
      generation++; // an older load must not undo what this answer says
      try {
        const status = await call('schedule:pause', { paused });
        set({ status, pausing: false });
      } catch (err) {
        set({ pausing: false, error: messageOf(err, paused ? 'The schedule could not be paused.' : 'The schedule could not be resumed.') });
      }
    },
  }));
}

export type ScheduleStore = ReturnType<typeof createScheduleStore>;

/** The service says when the schedule changes; a finished run moves its "last run" and any retry. */
export function bindSchedule(
  store: ScheduleStore,
  on: Api['on'],
  onConnectionChange: (listener: (connected: boolean) => void) => () => void,
): () => void {
  const unbind = [
    on('schedule:changed', (status) => store.setState({ status, error: null })),
    on('sync:finished', () => void store.getState().load()),
    onConnectionChange((connected) => {
      if (connected) void store.getState().load();
    }),
  ];
  void store.getState().load();
  return () => unbind.forEach((off) => off());
}
