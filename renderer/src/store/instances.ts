import { useStore } from 'zustand';
import { api, onAccessRefused, onConnectionChange } from '../api/client';
import { nextFrame } from '../lib/frame-batch';
import { bindRosterLive } from '../lib/roster-live';
import { throttle } from '../lib/throttle';
import { bindActivity, createActivityStore } from './activity-store';
import { bindApp, createAppStore } from './app-store';
import { bindChanges, createChangesStore } from './changes-store';
import { bindDaySheet, createDaySheetStore } from './day-sheet-store';
import { bindHistory, createHistoryStore } from './history-store';
import { bindHub, createHubStore } from './hub-store';
import { bindOpenChanges, createOpenChangesStore } from './open-changes-store';
import { createPatientStore } from './patient-store';
import { createRosterStore, type RosterState } from './create-roster-store';
import { bindSchedule, createScheduleStore } from './schedule-store';
import { bindSettings, clinicTimeZone, createSettingsStore } from './settings-store';
import { bindSources, createSourcesStore } from './sources-store';
import { bindSyncRuns, createSyncRunsStore } from './sync-runs-store';

/*
 * The console's one instance of each server-state store, over the one API client. Each resource
 * lives in exactly one store; `bindServerState` (called once, from main.tsx) wires them to events.
 */
const call: typeof api.call = (channel, input) => api.call(channel, input);

export const useAppStore = createAppStore(call, window.location);
export const useSyncRunsStore = createSyncRunsStore(call);
export const useSourcesStore = createSourcesStore(call, {
  requestsInFlight: () => Object.fromEntries(Object.values(useSyncRunsStore.getState().progress).map((p) => [p.source, p.requests])),
});
export const useActivityStore = createActivityStore(call);
export const useScheduleStore = createScheduleStore(call);
export const useSettingsStore = createSettingsStore(call);
export const useHistoryStore = createHistoryStore(call);
export const useHubStore = createHubStore(call);
export const useDaySheetStore = createDaySheetStore(call);

/** The roster (see createRosterStore); bindServerState has it follow running syncs (bindRosterLive). */
export const rosterStore = createRosterStore(call);
export const useRosterStore = Object.assign(<T>(selector: (state: RosterState) => T): T => useStore(rosterStore, selector), {
  getState: rosterStore.getState,
});
/** After an edit in the drawer (organizations, a refreshed patient): re-read what is on screen, at most once a second. */
export const refreshRosterSoon = throttle(() => void rosterStore.getState().refresh(), 1000);

/** The count of changes still to do, on the Changes nav item. */
export const openChanges = createOpenChangesStore(call);
export const useOpenChangesCount = (): number | null => useStore(openChanges, (s) => s.count);

export const useChangesStore = createChangesStore(call, {
  clinicTimeZone: () => clinicTimeZone(useSettingsStore.getState()),
  marked: () => void openChanges.getState().load(),
  // Read lazily: a browser that blocks storage throws on `localStorage` itself.
  storage: { getItem: (key) => localStorage.getItem(key), removeItem: (key) => localStorage.removeItem(key) },
});
export const usePatientStore = createPatientStore(call, {
  refreshRoster: refreshRosterSoon,
  reloadOrganizations: () => void rosterStore.getState().loadOrganizations(),
});

/** Subscribes every store to the events that change what it holds; returns the unsubscribe. */
export function bindServerState(): () => void {
  const unbind = [
    bindApp(useAppStore, { on: api.on, onConnectionChange, onAccessRefused, onHashChange }, window.location),
    bindSyncRuns(useSyncRunsStore, api.on, onConnectionChange, nextFrame),
    bindSources(useSourcesStore, api.on, onConnectionChange),
    bindActivity(useActivityStore, api.on, onConnectionChange, nextFrame),
    bindSchedule(useScheduleStore, api.on, onConnectionChange),
    bindHistory(useHistoryStore, api.on),
    bindHub(useHubStore, api.on),
    bindSettings(useSettingsStore, api.on),
    bindOpenChanges(openChanges, api.on),
    bindChanges(useChangesStore, api.on),
    bindDaySheet(useDaySheetStore, api.on),
    bindRosterLive(rosterStore.getState(), api.on),
  ];
  return () => unbind.forEach((off) => off());
}

function onHashChange(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}
