import path from 'node:path';
import { z } from 'zod';
import { isPlainObject, moveAside, readJsonFile, writeJsonFileAtomic } from './json-file';

export const DESKTOP_STATE_FILE = 'desktop-state.json';

/**
 * Small facts the desktop shell remembers between launches that are not settings staff edit:
 * whether "still running in the tray" was already said, and consent to a weak secret store.
 */
const desktopStateSchema = z.object({
  closeToTrayExplained: z.boolean().catch(false).default(false),
  /** The user agreed to keep secrets in Linux's `basic_text` store (or an undetected one). */
  weakStorageConsent: z
    .object({ backend: z.string().max(40), at: z.string().max(40) })
    .nullable()
    .catch(null)
    .default(null),
});

export type DesktopState = z.infer<typeof desktopStateSchema>;

/** A JSON file in userData. Unreadable content is moved aside and forgotten: nothing in it is precious. */
export class DesktopStateStore {
  readonly #file: string;
  #state: DesktopState;

  constructor(userDataDir: string, now: () => Date = () => new Date()) {
    this.#file = path.join(userDataDir, DESKTOP_STATE_FILE);
    this.#state = this.#load(now);
  }

  get<K extends keyof DesktopState>(key: K): DesktopState[K] {
    return structuredClone(this.#state[key]);
  }

  set<K extends keyof DesktopState>(key: K, value: DesktopState[K]): void {
    this.#state = { ...this.#state, [key]: value };
    writeJsonFileAtomic(this.#file, this.#state);
  }

  #load(now: () => Date): DesktopState {
    const contents = readJsonFile(this.#file);
    if (contents.kind === 'ok' && isPlainObject(contents.value)) return desktopStateSchema.parse(contents.value);
    if (contents.kind !== 'missing') moveAside(this.#file, now());
    return desktopStateSchema.parse({});
  }
}
