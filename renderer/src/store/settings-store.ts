import { create } from 'zustand';
import type { AppSettings, CacheCheckResult, ScheduleStatusView, SupportBundleResult } from '@contract';
import { api } from '../api/client';
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

interface SettingsState {
  settings: AppSettings | null;
  status: 'loading' | 'ready' | 'error';
  loadError: string | null;
  schedule: ScheduleStatusView | null;
  sections: Record<SettingsSection, SectionState>;
  pausing: boolean;
  bundle: { busy: boolean; result: SupportBundleResult | null; error: string | null };
  cacheCheck: { busy: boolean; result: CacheCheckResult | null; error: string | null };
  load(): Promise<void>;
  /** Sends a partial change; true when saved, false with the section's errors set. */
  update(section: SettingsSection, patch: Record<string, unknown>): Promise<boolean>;
  clearErrors(section: SettingsSection): void;
  /** Switches the theme at once and saves it; goes back if saving fails. */
  setAppearance(appearance: AppSettings['appearance']): Promise<void>;
  setPaused(paused: boolean): Promise<void>;
  createSupportBundle(): Promise<void>;
  checkCache(): Promise<void>;
}

/** The app's settings (schedule, sync windows, discovery, history kept, appearance, contact) and the schedule's live status. */
export const useSettingsStore = create<SettingsState>((set, get) => ({
  settings: null,
  status: 'loading',
  loadError: null,
  schedule: null,
  sections: { schedule: idle(), sync: idle(), retention: idle(), appearance: idle(), contact: idle() },
  pausing: false,
  bundle: { busy: false, result: null, error: null },
  cacheCheck: { busy: false, result: null, error: null },
  async load() {
    try {
      const [settings, status] = await Promise.all([api.call('settings:get', {}), api.call('sync:status', {})]);
      set({ settings, schedule: status.schedule, status: 'ready', loadError: null });
    } catch (err) {
      set({ status: 'error', loadError: messageOf(err, 'The settings could not be loaded.') });
    }
  },
  async update(section, patch) {
    const patchSection = (next: Partial<SectionState>) =>
      set((s) => ({ sections: { ...s.sections, [section]: { ...s.sections[section], ...next } } }));
    patchSection({ saving: true, error: null });
    try {
      const settings = await api.call('settings:update', { patch });
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
  async setPaused(paused) {
    set({ pausing: true });
    try {
      const schedule = await api.call('schedule:pause', { paused });
      set({ schedule, pausing: false });
    } catch (err) {
      set((s) => ({ pausing: false, sections: { ...s.sections, schedule: { ...s.sections.schedule, error: messageOf(err) } } }));
    }
  },
  async createSupportBundle() {
    set({ bundle: { busy: true, result: null, error: null } });
    try {
      const result = await api.call('support:bundle', {});
      set({ bundle: { busy: false, result, error: null } });
    } catch (err) {
      set({ bundle: { busy: false, result: null, error: messageOf(err, 'The support bundle could not be written.') } });
    }
  },
  async checkCache() {
    set({ cacheCheck: { busy: true, result: null, error: null } });
    try {
      const result = await api.call('support:check-cache', {});
      set({ cacheCheck: { busy: false, result, error: null } });
    } catch (err) {
      set({ cacheCheck: { busy: false, result: null, error: messageOf(err, 'The cache could not be checked.') } });
    }
  },
}));

api.on('schedule:changed', (schedule) => useSettingsStore.setState({ schedule }));
