import { create } from 'zustand';
import type { AppInfo, AppNotice } from '@contract';
import { api, ApiError, onConnectionChange } from '../api/client';

interface AppState {
  info: AppInfo | null;
  notices: AppNotice[];
  connected: boolean;
  loadError: string | null;
  load(): Promise<void>;
  dismissNotice(index: number): void;
}

/** App-wide facts: what is running, where its data lives, and anything the user must be told. */
export const useAppStore = create<AppState>((set) => ({
  info: null,
  notices: [],
  connected: true,
  loadError: null,
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
}));

api.on('app:notice', (notice) => useAppStore.setState((state) => ({ notices: [...state.notices, notice] })));
onConnectionChange((connected) => useAppStore.setState({ connected }));
