import { createStore } from 'zustand';
import type { Api } from '../api/client';

export interface OpenChangesState {
  /** Changes still to do on the work-list (the first sync's initial load left out); null until known. */
  count: number | null;
  load(): Promise<void>;
}

/**
 * The number on the Changes nav item. One small request (a single row, its total) whenever a sync
 * finishes or a mark changes; a failed request keeps the last number rather than showing a wrong one.
 */
export function createOpenChangesStore(call: Api['call'], now: () => Date = () => new Date()) {
  let generation = 0;
  return createStore<OpenChangesState>((set) => ({
    count: null,
    async load() {
      const mine = ++generation;
      try {
        // Done at or after this instant: nothing is, so only the changes still to do are counted.
        const { total } = await call('changes:list', { openSince: now().toISOString(), limit: 1 });
        if (mine === generation) set({ count: total });
      } catch {
        // The Changes page says why when it cannot load; the nav keeps its last count.
      }
    },
  }));
}

export type OpenChangesStore = ReturnType<typeof createOpenChangesStore>;

/** Keeps the count fresh: once at start, then after every finished sync. */
export function bindOpenChanges(store: OpenChangesStore, on: Api['on']): () => void {
  void store.getState().load();
  return on('sync:finished', () => void store.getState().load());
}
