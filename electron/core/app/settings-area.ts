import type { AppSettings, SettingsStore } from '../settings/app-settings';
import { applySettingsChange } from '../settings/settings-update';

/** Reads and changes the settings, validating each field; the schedule follows every change. */
export class SettingsArea {
  constructor(
    private readonly store: SettingsStore,
    private readonly onChanged: () => void,
  ) {}

  get(): AppSettings {
    return this.store.read();
  }

  update(patch: unknown): AppSettings {
    const next = applySettingsChange(this.store.read(), patch);
    this.store.write(next);
    this.onChanged();
    return next;
  }
}
