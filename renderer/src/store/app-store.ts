import { create } from 'zustand';
import type { AppInfo, AppNotice } from '@contract';
import type { Api } from '../api/client';
import { ApiError } from '../api/transport';
import { hashOf, pageFromHash, type Page } from '../lib/routes';

export interface AppState {
  info: AppInfo | null;
  notices: AppNotice[];
  connected: boolean;
  /** Why the host refused this tab (no token, or one from an earlier launch); null while allowed. */
  accessRefused: string | null;
  loadError: string | null;
  /** The page on screen, kept in step with the URL hash. */
  page: Page;
  /** A source the user asked to fix ("Fix" beside its error): Settings opens it for editing, then clears this. */
  sourceToFix: string | null;
  load(): Promise<void>;
  dismissNotice(index: number): void;
  navigate(page: Page): void;
  /** Opens Settings with this source's edit dialog. */
  fixSource(id: string): void;
  clearSourceToFix(): void;
}

/** The address bar's hash: the page it names, and where a navigation writes. */
export type HashLocation = Pick<Location, 'hash'>;

/** App-wide facts: what is running, where its data lives, which page is open, and anything the user must be told. */
export function createAppStore(call: Api['call'], location: HashLocation) {
  return create<AppState>((set, get) => ({
    info: null,
    notices: [],
    connected: true,
    accessRefused: null,
    loadError: null,
    page: pageFromHash(location.hash),
    sourceToFix: null,
    async load() {
      try {
        const [info, notices] = await Promise.all([call('app:info', {}), call('app:notices', {})]);
        set({ info, notices, loadError: null });
      } catch (err) {
        set({ loadError: err instanceof ApiError ? err.message : 'ClinicSync could not be reached.' });
      }
    },
    dismissNotice(index) {
      set((state) => ({ notices: state.notices.filter((_, i) => i !== index) }));
    },
    navigate(page) {
      if (location.hash !== hashOf(page)) location.hash = hashOf(page);
      set({ page });
    },
    fixSource(id) {
      set({ sourceToFix: id });
      get().navigate('settings');
    },
    clearSourceToFix() {
      set({ sourceToFix: null });
    },
  }));
}

export type AppStore = ReturnType<typeof createAppStore>;

export interface AppSignals {
  on: Api['on'];
  onConnectionChange(listener: (connected: boolean) => void): () => void;
  onAccessRefused(listener: (message: string) => void): () => void;
  /** Fires when the URL hash changes (back, forward, a typed address). */
  onHashChange(listener: () => void): () => void;
}

/** New notices, the connection, a refused tab and the URL hash each update the store as they happen. */
export function bindApp(store: AppStore, signals: AppSignals, location: HashLocation): () => void {
  const unbind = [
    signals.on('app:notice', (notice) => store.setState((state) => ({ notices: [...state.notices, notice] }))),
    signals.onConnectionChange((connected) => store.setState({ connected })),
    signals.onAccessRefused((accessRefused) => store.setState({ accessRefused })),
    signals.onHashChange(() => store.setState({ page: pageFromHash(location.hash) })),
  ];
  return () => unbind.forEach((off) => off());
}
