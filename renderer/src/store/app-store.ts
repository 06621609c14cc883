import { create } from 'zustand';
import type { AppInfo, AppNotice } from '@contract';
import { api, ApiError, onAccessRefused, onConnectionChange } from '../api/client';
import { hashOf, pageFromHash, type Page } from '../lib/routes';

interface AppState {
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

/** App-wide facts: what is running, where its data lives, which page is open, and anything the user must be told. */
export const useAppStore = create<AppState>((set, get) => ({
  info: null,
  notices: [],
  connected: true,
  accessRefused: null,
  loadError: null,
  page: pageFromHash(window.location.hash),
  sourceToFix: null,
  async load() {
    try {
      const [info, notices] = await Promise.all([api.call('app:info', {}), api.call('app:notices', {})]);
      set({ info, notices, loadError: null });
    } catch (err) {
      set({ loadError: err instanceof ApiError ? err.message : 'ClinicSync could not be reached.' });
    }
  },
  dismissNotice(index) {
    set((state) => ({ notices: state.notices.filter((_, i) => i !== index) }));
  },
  navigate(page) {
    if (window.location.hash !== hashOf(page)) window.location.hash = hashOf(page);
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

api.on('app:notice', (notice) => useAppStore.setState((state) => ({ notices: [...state.notices, notice] })));
onConnectionChange((connected) => useAppStore.setState({ connected }));
onAccessRefused((accessRefused) => useAppStore.setState({ accessRefused }));
window.addEventListener('hashchange', () => useAppStore.setState({ page: pageFromHash(window.location.hash) }));
