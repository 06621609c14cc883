import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { appSettingsSchema, defaultAppSettings, type AppSettings, type SettingsStore } from './app-settings';
import { invalidFileProblem } from './settings-update';

export const SETTINGS_FILE = 'settings.json';

/**
 * Settings as a JSON file in the data folder (CLI and browser host). A file that cannot be read or
 * does not validate is moved aside — never deleted — and defaults are used, with a notice.
 */
export class FileSettingsStore implements SettingsStore {
  readonly #file: string;
  #current: AppSettings;

  constructor(dataDir: string, onNotice: (message: string) => void, now: () => Date = () => new Date()) {
    this.#file = path.join(dataDir, SETTINGS_FILE);
    this.#current = this.#load(onNotice, now);
  }

  read(): AppSettings {
    return structuredClone(this.#current);
  }

  write(settings: AppSettings): void {
    const valid = appSettingsSchema.parse(settings);
    mkdirSync(path.dirname(this.#file), { recursive: true });
    const temp = `${this.#file}.tmp`;
    writeFileSync(temp, `${JSON.stringify(valid, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, this.#file);
    this.#current = valid;
  }

  #load(onNotice: (message: string) => void, now: () => Date): AppSettings {
    if (!existsSync(this.#file)) return defaultAppSettings();
    let problem: string;
    try {
      const parsed = appSettingsSchema.safeParse(JSON.parse(readFileSync(this.#file, 'utf8')));
      if (parsed.success) return parsed.data;
      problem = invalidFileProblem(parsed.error);
    } catch {
      problem = 'could not be read';
    }
    const aside = `${this.#file}.invalid-${now().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(this.#file, aside);
    onNotice(
      `The settings file ${problem}, so ClinicSync started with default settings. The old file was kept as ${path.basename(aside)}.`,
    );
    return defaultAppSettings();
  }
}
