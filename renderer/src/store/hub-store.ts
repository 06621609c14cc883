import { create } from 'zustand';
import type { HubStatus } from '@contract';
import type { Api } from '../api/client';
import { messageOf } from '../lib/errors';

export interface HubState {
  status: HubStatus | null;
  busy: boolean;
  error: string | null;
  /** The join code of a hub just created: shown once, forgotten when the page is left or it is dismissed. */
  joinCode: string | null;
  load(): Promise<void>;
  create(url: string, password: string): Promise<boolean>;
  join(url: string, password: string, joinCode: string): Promise<boolean>;
  leave(): Promise<void>;
  forgetJoinCode(): void;
}

/** Settings → "Share with other desks" and the header's "Shared · N desks". */
export function createHubStore(call: Api['call']) {
  return create<HubState>((set, get) => {
    const act = async (fn: () => Promise<void>): Promise<boolean> => {
      set({ busy: true, error: null });
      try {
        await fn();
        return true;
      } catch (err) {
        set({ error: messageOf(err) });
        return false;
      } finally {
        set({ busy: false });
      }
    };
    return {
      status: null,
      busy: false,
      error: null,
      joinCode: null,
      async load() {
        try {
          set({ status: await call('hub:status', {}) });
        } catch (err) {
          set({ error: messageOf(err) });
        }
      },
      create: (url, password) =>
        act(async () => {
          const { joinCode } = await call('hub:init', { url, ...(password ? { password } : {}) });
          set({ joinCode });
          await get().load();
        }),
      join: (url, password, joinCode) =>
        act(async () => {
          set({ status: await call('hub:join', { url, joinCode, ...(password ? { password } : {}) }) });
        }),
      leave: async () => {
        await act(async () => {
          await call('hub:leave', {});
          set({ joinCode: null });
          await get().load();
        });
      },
      forgetJoinCode: () => set({ joinCode: null }),
    };
  });
}

export type HubStore = ReturnType<typeof createHubStore>;

/** What another desk published arrives as "sources changed"; a finished sync moves leases and lag. */
export function bindHub(store: HubStore, on: Api['on']): () => void {
  const unbind = [on('sources:changed', () => void store.getState().load()), on('sync:finished', () => void store.getState().load())];
  return () => unbind.forEach((off) => off());
}
