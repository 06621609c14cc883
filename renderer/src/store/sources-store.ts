import { create } from 'zustand';
import type { ChannelInput, ConnectionTestResult, SourceRemovalResult, SourceView, SyncProgressView } from '@contract';
import { api } from '../api/client';
import { codeOf, messageOf } from '../lib/errors';
import { throttle } from '../lib/throttle';

/** The outcome of the last "Test connection" of a saved source, kept for its status card. */
export type ConnectionCheck =
  { ok: true; result: ConnectionTestResult; at: string } | { ok: false; code: string | null; message: string; at: string };

interface SourcesState {
  sources: SourceView[];
  /** 'loading' only until the first answer: later reloads keep showing the last list. */
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  /** Live progress of running syncs, by source id (from `sync:progress`). */
  progress: Record<string, SyncProgressView>;
  checks: Record<string, ConnectionCheck>;
  testing: Record<string, boolean>;
  load(): Promise<void>;
  add(input: ChannelInput<'sources:add'>): Promise<SourceView>;
  update(input: ChannelInput<'sources:update'>): Promise<SourceView>;
  remove(id: string, discardLocalData: boolean): Promise<SourceRemovalResult>;
  /** Tests a saved source and records the outcome on its card; never throws. */
  testSaved(id: string): Promise<ConnectionCheck>;
  startDemo(): Promise<SourceView>;
  syncNow(sources?: string[]): Promise<string[]>;
}

/** Configured sources with their health, and which of them are syncing right now. */
export const useSourcesStore = create<SourcesState>((set, get) => ({
  sources: [],
  status: 'loading',
  error: null,
  progress: {},
  checks: {},
  testing: {},
  async load() {
    try {
      const [sources, status] = await Promise.all([api.call('sources:list', {}), api.call('sync:status', {})]);
      const progress: Record<string, SyncProgressView> = {};
      for (const p of status.active) progress[p.source] = p;
      // A sync that ended while the list loaded must not linger as "syncing".
      for (const source of sources) if (!source.syncing) delete progress[source.id];
      set({ sources, progress, status: 'ready', error: null });
    } catch (err) {
      set((s) => ({ status: s.status === 'ready' ? 'ready' : 'error', error: messageOf(err, 'The sources could not be loaded.') }));
    }
  },
  async add(input) {
    const source = await api.call('sources:add', input);
    set((s) => ({ sources: [...s.sources.filter((x) => x.id !== source.id), source] }));
    return source;
  },
  async update(input) {
    const source = await api.call('sources:update', input);
    set((s) => ({ sources: s.sources.map((x) => (x.id === source.id ? source : x)) }));
    return source;
  },
  async remove(id, discardLocalData) {
    const result = await api.call('sources:remove', { id, discardLocalData });
    set((s) => ({ sources: s.sources.filter((x) => x.id !== id) }));
    return result;
  },
  async testSaved(id) {
    set((s) => ({ testing: { ...s.testing, [id]: true } }));
    let check: ConnectionCheck;
    try {
      const result = await api.call('sources:test', { id });
      check = { ok: true, result, at: new Date().toISOString() };
    } catch (err) {
      check = { ok: false, code: codeOf(err), message: messageOf(err, 'The connection test failed.'), at: new Date().toISOString() };
    }
    set((s) => ({ checks: { ...s.checks, [id]: check }, testing: { ...s.testing, [id]: false } }));
    void get().load(); // the test spent a request of the source's budget
    return check;
  },
  async startDemo() {
    const source = await api.call('demo:start', {});
    await get().load();
    return source;
  },
  async syncNow(sources) {
    const { started, refused } = await api.call('sync:start', sources ? { sources } : {});
    if (started.length === 0 && refused[0]) throw new Error(refused[0].message);
    return started.map((s) => s.source);
  },
}));

const reload = throttle(() => void useSourcesStore.getState().load(), 1000);

api.on('sync:progress', (progress) => {
  useSourcesStore.setState((s) => ({ progress: { ...s.progress, [progress.source]: progress } }));
});
api.on('sync:finished', (run) => {
  useSourcesStore.setState((s) => {
    const progress = { ...s.progress };
    delete progress[run.source];
    return { progress };
  });
  reload();
});
api.on('sources:changed', () => reload());
