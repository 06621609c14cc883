import { useStore } from 'zustand';
import { api } from '../api/client';
import { throttle } from '../lib/throttle';
import { createRosterStore, type RosterState } from './create-roster-store';

export { BLOCK_SIZE, type RosterState } from './create-roster-store';

/** The console's roster (see createRosterStore); bindServerState has it follow running syncs (bindRosterLive). */
export const rosterStore = createRosterStore((channel, input) => api.call(channel, input));

export const useRosterStore = Object.assign(<T>(selector: (state: RosterState) => T): T => useStore(rosterStore, selector), {
  getState: rosterStore.getState,
});

/** After an edit here (organizations, a refreshed patient): re-read what is on screen, at most once a second. */
export const refreshRosterSoon = throttle(() => void rosterStore.getState().refresh(), 1000);
