import { create } from 'zustand';
import type { AppSettings, CacheCheckResult, SupportBundleResult } from '@contract';
import type { Api } from '../api/client';
import { fieldErrorsOf, messageOf, type FieldErrors } from '../lib/errors';

/** The parts of the Settings page that save on their own, each with its own errors and "Saved". */
export type SettingsSection = 'schedule' | 'sync' | 'retention' | 'appearance' | 'contact';

interface SectionState {
  saving: boolean;
  /** Field path → message, from `settings:update`'s error details. */
  fieldErrors: FieldErrors;
  /** A failure that is not about one field. */
  error: string | null;
  savedAt: number | null;
}

const idle = (): SectionState => ({ saving: false, fieldErrors: {}, error: null, savedAt: null });

export interface SettingsState {
  settings: AppSettings | null;
  status: 'loading' | 'ready' | 'error';
  loadError: string | null;
  sections: Record<SettingsSection, SectionState>;
  bundle: { busy: boolean; result: SupportBundleResult | null; error: string | null };
  cacheCheck: { busy: boolean; result: CacheCheckResult | null; error: string | null };
  load(): Promise<void>;
  /** Sends a partial change; true when saved, false with the section's errors set. */
  update(section: SettingsSection, patch: Record<string, unknown>): Promise<boolean>;
  clearErrors(section: SettingsSection): void;
  /** Switches the theme at once and saves it; goes back if saving fails. */
  setAppearance(appearance: AppSettings['appearance']): Promise<void>;
  createSupportBundle(): Promise<void>;
  checkCache(): Promise<void>;
}

/** The app's settings (schedule, sync windows, discovery, history kept, appearance, contact). */
export function createSettingsStore(call: Api['call']) {
  let loading: Promise<void> | null = null;
  return create<SettingsState>((set, get) => ({
    settings: null,
    status: 'loading',
    loadError: null,
    sections: { schedule: idle(), sync: idle(), retention: idle(), appearance: idle(), contact: idle() },
    bundle: { busy: false, result: null, error: null },
    cacheCheck: { busy: false, result: null, error: null },
    load() {
      // Asked for by the app at start and by pages that need the clinic's zone: one request serves all.
      loading ??= call('settings:get', {})
        .then((settings) => set({ settings, status: 'ready', loadError: null }))
        .catch((err: unknown) => set({ status: 'error', loadError: messageOf(err, 'The settings could not be loaded.') }))
        .finally(() => {
          loading = null;
        });
      return loading;
    },
    async update(section, patch) {
      const patchSection = (next: Partial<SectionState>) =>
        set((s) => ({ sections: { ...s.sections, [section]: { ...s.sections[section], ...next } } }));
      patchSection({ saving: true, error: null });
      try {
        const settings = await call('settings:update', { patch });
        set({ settings });
        patchSection({ saving: false, fieldErrors: {}, error: null, savedAt: Date.now() });
        return true;
      } catch (err) {
        const fieldErrors = fieldErrorsOf(err);
        patchSection({
          saving: false,
          fieldErrors,
          error: Object.keys(fieldErrors).length > 0 ? null : messageOf(err, 'The settings could not be saved.'),
          savedAt: null,
        });
        return false;
      }
    },
    async setAppearance(appearance) {
      const previous = get().settings;
      if (!previous) return;
      set({ settings: { ...previous, appearance } });
      const saved = await get().update('appearance', { appearance });
      if (!saved) set((s) => ({ settings: s.settings ? { ...s.settings, appearance: previous.appearance } : s.settings }));
    },
    clearErrors(section) {
      set((s) => ({ sections: { ...s.sections, [section]: { ...s.sections[section], fieldErrors: {}, error: null } } }));
    },
    async createSupportBundle() {
      set({ bundle: { busy: true, result: null, error: null } });
      try {
        const result = await call('support:bundle', {});
        set({ bundle: { busy: false, result, error: null } });
      } catch (err) {
        set({ bundle: { busy: false, result: null, error: messageOf(err, 'The support bundle could not be written.') } });
      }
    },
    async checkCache() {
      set({ cacheCheck: { busy: true, result: null, error: null } });
      try {
        const result = await call('support:check-cache', {});
        set({ cacheCheck: { busy: false, result, error: null } });
      } catch (err) {
        set({ cacheCheck: { busy: false, result: null, error: messageOf(err, 'The cache could not be checked.') } });
      }
    },
  }));
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;

const browserZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** The clinic's time zone: the schedule's, or this computer's until the settings are known. */
export function clinicTimeZone(state: Pick<SettingsState, 'settings'>): string {
  return state.settings?.schedule.timeZone || browserZone();
}

/** The clinic's zone once the settings have been asked for (the computer's if they cannot be read). */
export async function loadedTimeZone(store: SettingsStore): Promise<string> {
  if (store.getState().status === 'loading') await store.getState().load();
  return clinicTimeZone(store.getState());
}

/** Pausing or resuming the schedule saves the settings too (its on/off switch): follow it. */
export function bindSettings(store: SettingsStore, on: Api['on']): () => void {
  void store.getState().load();
  return on('schedule:changed', () => void store.getState().load());
}
