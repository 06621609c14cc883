import { create } from 'zustand';
import type { ChannelInput, ConnectionTestResult, SourceRemovalResult, SourceView } from '@contract';
import type { Api } from '../api/client';
import { codeOf, messageOf } from '../lib/errors';
import { throttle } from '../lib/throttle';

/** The outcome of the last "Test connection" of a saved source, kept for its status card. */
export type ConnectionCheck =
  { ok: true; result: ConnectionTestResult; at: string } | { ok: false; code: string | null; message: string; at: string };

export interface SourcesState {
  sources: SourceView[];
  /** 'loading' only until the first answer: later reloads keep showing the last list. */
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  /** Requests a source's active run had made when `sources` was fetched (its budget already counts them). */
  budgetBaseline: Record<string, number>;
  checks: Record<string, ConnectionCheck>;
  testing: Record<string, boolean>;
  load(): Promise<void>;
  add(input: ChannelInput<'sources:add'>): Promise<SourceView>;
  update(input: ChannelInput<'sources:update'>): Promise<SourceView>;
  remove(id: string, discardLocalData: boolean): Promise<SourceRemovalResult>;
  /** Tests a saved source and records the outcome on its card; never throws. */
  testSaved(id: string): Promise<ConnectionCheck>;
  startDemo(): Promise<SourceView>;
}

export interface SourcesDeps {
  /** Requests made so far by each source's run in flight (from the live progress). */
  requestsInFlight(): Record<string, number>;
  now?: () => Date;
}

/** The configured sources with their health and budgets: the one list every page reads. */
export function createSourcesStore(call: Api['call'], deps: SourcesDeps) {
  const now = deps.now ?? (() => new Date());
  let generation = 0;
  return create<SourcesState>((set, get) => ({
    sources: [],
    status: 'loading',
    error: null,
    budgetBaseline: {},
    checks: {},
    testing: {},
    async load() {
      const mine = ++generation;
      try {
        const sources = await call('sources:list', {});
        if (mine !== generation) return;
        set({ sources, budgetBaseline: deps.requestsInFlight(), status: 'ready', error: null });
      } catch (err) {
        if (mine !== generation) return;
        set((s) => ({ status: s.status === 'ready' ? 'ready' : 'error', error: messageOf(err, 'The sources could not be loaded.') }));
      }
    },
    async add(input) {
      const source = await call('sources:add', input);
      set((s) => ({ sources: [...s.sources.filter((x) => x.id !== source.id), source] }));
      return source;
    },
    async update(input) {
      const source = await call('sources:update', input);
      set((s) => ({ sources: s.sources.map((x) => (x.id === source.id ? source : x)) }));
      return source;
    },
    async remove(id, discardLocalData) {
      const result = await call('sources:remove', { id, discardLocalData });
      set((s) => ({ sources: s.sources.filter((x) => x.id !== id) }));
      return result;
    },
    async testSaved(id) {
      set((s) => ({ testing: { ...s.testing, [id]: true } }));
      let check: ConnectionCheck;
      try {
        const result = await call('sources:test', { id });
        check = { ok: true, result, at: now().toISOString() };
      } catch (err) {
        check = { ok: false, code: codeOf(err), message: messageOf(err, 'The connection test failed.'), at: now().toISOString() };
      }
      set((s) => ({ checks: { ...s.checks, [id]: check }, testing: { ...s.testing, [id]: false } }));
      void get().load(); // the test spent a request of the source's budget
      return check;
    },
    async startDemo() {
      const source = await call('demo:start', {});
      await get().load();
      return source;
    },
  }));
}

export type SourcesStore = ReturnType<typeof createSourcesStore>;

/** Requests spent today against a source's budget, including its run in flight. */
export function liveBudgetUsed(source: SourceView, inFlight: number | undefined, baseline: number | undefined): number {
  if (!source.budget) return 0;
  const extra = inFlight !== undefined ? Math.max(0, inFlight - (baseline ?? inFlight)) : 0;
  return Math.min(source.budget.limit, source.budget.used + extra);
}

/**
 * One reload at most a second, whatever asked for it: a source changed, a run ended (its health,
 * last run and budget moved), or the connection came back (events were lost meanwhile).
 */
export function bindSources(
  store: SourcesStore,
  on: Api['on'],
  onConnectionChange: (listener: (connected: boolean) => void) => () => void,
  timers?: Pick<typeof globalThis, 'setTimeout' | 'clearTimeout'>,
): () => void {
  const reload = throttle(() => void store.getState().load(), 1000, timers);
  const unbind = [
    on('sources:changed', reload),
    on('sync:finished', reload),
    onConnectionChange((connected) => {
      if (connected) reload();
    }),
  ];
  void store.getState().load();
  return () => {
    reload.cancel();
    unbind.forEach((off) => off());
  };
}
