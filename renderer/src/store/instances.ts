import { api, onConnectionChange } from '../api/client';
import { nextFrame } from '../lib/frame-batch';
import { bindActivity, createActivityStore } from './activity-store';
import { bindHistory, createHistoryStore } from './history-store';
import { bindHub, createHubStore } from './hub-store';
import { bindSchedule, createScheduleStore } from './schedule-store';
import { bindSettings, createSettingsStore } from './settings-store';
import { bindSources, createSourcesStore } from './sources-store';
import { bindSyncRuns, createSyncRunsStore } from './sync-runs-store';

/*
 * The console's one instance of each server-state store, over the one API client. Each resource
 * lives in exactly one store; `bindServerState` (called once, from main.tsx) wires them to events.
 */
const call: typeof api.call = (channel, input) => api.call(channel, input);

export const useSyncRunsStore = createSyncRunsStore(call);
export const useSourcesStore = createSourcesStore(call, {
  requestsInFlight: () => Object.fromEntries(Object.values(useSyncRunsStore.getState().progress).map((p) => [p.source, p.requests])),
});
export const useActivityStore = createActivityStore(call);
export const useScheduleStore = createScheduleStore(call);
export const useSettingsStore = createSettingsStore(call);
export const useHistoryStore = createHistoryStore(call);
export const useHubStore = createHubStore(call);

/** Subscribes every store to the events that change what it holds; returns the unsubscribe. */
export function bindServerState(): () => void {
  const unbind = [
    bindSyncRuns(useSyncRunsStore, api.on, onConnectionChange, nextFrame),
    bindSources(useSourcesStore, api.on, onConnectionChange),
    bindActivity(useActivityStore, api.on, onConnectionChange, nextFrame),
    bindSchedule(useScheduleStore, api.on, onConnectionChange),
    bindHistory(useHistoryStore, api.on),
    bindHub(useHubStore, api.on),
    bindSettings(useSettingsStore, api.on),
  ];
  return () => unbind.forEach((off) => off());
}
