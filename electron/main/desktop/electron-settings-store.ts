import { existsSync } from 'node:fs';
import path from 'node:path';
import { appSettingsSchema, defaultAppSettings, type AppSettings, type SettingsStore } from '../../core/settings/app-settings';
import { SETTINGS_FILE } from '../../core/settings/file-settings-store';
import { invalidFileProblem } from '../../core/settings/settings-update';
import { isPlainObject, moveAside, readJsonFile } from './json-file';

/** The part of an electron-store (or `conf`) instance this store uses. */
export interface KeyValueFileLike {
  readonly path: string;
  store: Record<string, unknown>;
}

/** Options passed to the electron-store constructor; `new ElectronStore(options)` is the production factory. */
export interface KeyValueFileOptions {
  cwd: string;
  /** File name without `.json`. */
  name: string;
  configFileMode: number;
  /** Never let the library wipe a bad file: it is moved aside here instead, with a notice. */
  clearInvalidConfig: false;
  accessPropertiesByDotNotation: false;
}

export type CreateKeyValueFile = (options: KeyValueFileOptions) => KeyValueFileLike;

export interface ElectronSettingsStoreOptions {
  /** The data folder (Electron's userData). */
  dataDir: string;
  createStore: CreateKeyValueFile;
  onNotice: (message: string) => void;
  now?: () => Date;
}

/**
 * Settings in electron-store, validated with the AppSettings schema. Same file as the CLI's
 * FileSettingsStore (settings.json in the data folder), so `clinicsync status` shows the schedule the
 * desktop app runs. A file that cannot be read or does not validate is moved aside — never deleted —
 * and defaults are restored, with a notice.
 */
export class ElectronSettingsStore implements SettingsStore {
  readonly #options: ElectronSettingsStoreOptions;
  #store: KeyValueFileLike;
  #current: AppSettings;

  constructor(options: ElectronSettingsStoreOptions) {
    this.#options = options;
    const opened = this.#open();
    this.#store = opened.store;
    this.#current = opened.settings;
  }

  read(): AppSettings {
    return structuredClone(this.#current);
  }

  write(settings: AppSettings): void {
    const valid = appSettingsSchema.parse(settings);
    this.#store.store = structuredClone(valid);
    this.#current = valid;
  }

  #open(): { store: KeyValueFileLike; settings: AppSettings } {
    const file = path.join(this.#options.dataDir, SETTINGS_FILE);
    let problem = rawProblem(file);
    let store: KeyValueFileLike | null = null;
    if (!problem) {
      try {
        store = this.#create();
      } catch (error) {
        if (!existsSync(file)) throw error;
        problem = 'could not be read';
      }
    }
    if (store && !problem) {
      const parsed = appSettingsSchema.safeParse(store.store);
      if (parsed.success) return { store, settings: parsed.data };
      problem = invalidFileProblem(parsed.error);
    }
    const aside = moveAside(file, (this.#options.now ?? (() => new Date()))());
    const fresh = this.#create();
    const defaults = defaultAppSettings();
    fresh.store = structuredClone(defaults);
    this.#options.onNotice(
      `The settings file ${problem}, so ClinicSync restored the default settings. The old file was kept as ${path.basename(aside)}.`,
    );
    return { store: fresh, settings: defaults };
  }

  #create(): KeyValueFileLike {
    return this.#options.createStore({
      cwd: this.#options.dataDir,
      name: path.basename(SETTINGS_FILE, '.json'),
      configFileMode: 0o600,
      clearInvalidConfig: false,
      accessPropertiesByDotNotation: false,
    });
  }
}

/** electron-store reads a JSON array or number as an empty store; that is a damaged file here. */
function rawProblem(file: string): string | null {
  const contents = readJsonFile(file);
  if (contents.kind === 'missing') return null;
  if (contents.kind === 'unreadable') return 'could not be read';
  return isPlainObject(contents.value) ? null : 'has values ClinicSync does not accept';
}
