import type {
  CloseEventLike,
  HideableWindowLike,
  MenuItemSpec,
  NotificationFactory,
  NotificationSpec,
  PowerSaveBlockerLike,
  ProgressBarTarget,
  SafeStorageLike,
  TrayLike,
} from '../../../../electron/main/desktop/electron-like';
import type { DesktopAppPort, DesktopProgress, DesktopStatus, FinishedSync } from '../../../../electron/main/desktop/ports';

/** A reversible stand-in for the OS keychain: the ciphertext never contains the plain text. */
export class FakeSafeStorage implements SafeStorageLike {
  available = true;
  backend = 'gnome_libsecret';
  /** Marks every decryption as "key rotated". */
  rotate = false;
  failDecrypt = false;
  encryptCalls = 0;

  async isAsyncEncryptionAvailable(): Promise<boolean> {
    return this.available;
  }

  async encryptStringAsync(plainText: string): Promise<Buffer> {
    this.encryptCalls++;
    const bytes = Buffer.from(plainText, 'utf8').map((byte) => byte ^ 0x5a);
    return Buffer.concat([Buffer.from(this.rotate ? 'v11' : 'v10'), bytes]);
  }

  async decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }> {
    const prefix = encrypted.subarray(0, 3).toString();
    if (this.failDecrypt || (prefix !== 'v10' && prefix !== 'v11'))
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    const result = Buffer.from(encrypted.subarray(3).map((byte) => byte ^ 0x5a)).toString('utf8');
    return { result, shouldReEncrypt: this.rotate && prefix === 'v10' };
  }

  getSelectedStorageBackend(): string {
    return this.backend;
  }
}

export function finished(overrides: Partial<FinishedSync> = {}): FinishedSync {
  return {
    trigger: 'scheduled',
    status: 'completed',
    finishedAt: '2025-03-03T16:02:00.000Z',
    sourceName: 'Cliniko – Northside',
    summary: '3 new and 12 changed appointments',
    reason: null,
    resumeAt: null,
    ...overrides,
  };
}

/** The app as the desktop shell sees it, driven by the test. */
export class FakePort implements DesktopAppPort {
  state: DesktopStatus = {
    syncing: false,
    lastRun: null,
    nextRun: '2025-03-04T16:00:00.000Z',
    paused: false,
    resumeAt: null,
    retry: null,
    timeZone: 'Australia/Sydney',
  };
  syncNowResult: () => Promise<void> = async () => {};
  readonly calls: string[] = [];
  readonly #progress = new Set<(progress: DesktopProgress) => void>();
  readonly #finished = new Set<(finished: FinishedSync) => void>();
  readonly #changed = new Set<() => void>();

  syncNow(): Promise<void> {
    this.calls.push('syncNow');
    return this.syncNowResult();
  }
  cancel(): void {
    this.calls.push('cancel');
  }
  status(): DesktopStatus {
    return structuredClone(this.state);
  }
  setPaused(paused: boolean): void {
    this.calls.push(`setPaused:${paused}`);
    this.state.paused = paused;
  }
  onSyncProgress(listener: (progress: DesktopProgress) => void): () => void {
    this.#progress.add(listener);
    return () => this.#progress.delete(listener);
  }
  onSyncFinished(listener: (finished: FinishedSync) => void): () => void {
    this.#finished.add(listener);
    return () => this.#finished.delete(listener);
  }
  onStatusChanged(listener: () => void): () => void {
    this.#changed.add(listener);
    return () => this.#changed.delete(listener);
  }

  startSync(): void {
    this.state.syncing = true;
    for (const listener of this.#changed) listener();
  }
  progress(percent: number | null): void {
    for (const listener of this.#progress) listener({ percent });
  }
  finish(result: FinishedSync): void {
    this.state.syncing = false;
    this.state.lastRun = { status: result.status, finishedAt: result.finishedAt, summary: result.reason ?? result.summary };
    for (const listener of this.#finished) listener(result);
  }
  get listenerCount(): number {
    return this.#progress.size + this.#finished.size + this.#changed.size;
  }
}

export class FakeTray implements TrayLike<string, MenuItemSpec[]> {
  image: string | null = null;
  toolTip = '';
  menu: MenuItemSpec[] | null = null;
  menuBuilds = 0;
  destroyed = false;
  readonly clickListeners: Array<() => void> = [];

  setImage(image: string): void {
    this.image = image;
  }
  setToolTip(toolTip: string): void {
    this.toolTip = toolTip;
  }
  setContextMenu(menu: MenuItemSpec[] | null): void {
    this.menuBuilds++;
    this.menu = menu;
  }
  on(_event: 'click', listener: () => void): void {
    this.clickListeners.push(listener);
  }
  destroy(): void {
    this.destroyed = true;
  }

  item(id: string): MenuItemSpec {
    const found = this.menu?.find((item) => item.id === id);
    if (!found) throw new Error(`no tray item ${id} in ${JSON.stringify(this.labels())}`);
    return found;
  }
  labels(): string[] {
    return (this.menu ?? []).filter((item) => item.type !== 'separator').map((item) => item.label ?? '');
  }
}

export class FakeNotifications implements NotificationFactory {
  supported = true;
  readonly shown: NotificationSpec[] = [];
  readonly #clicks: Array<() => void> = [];

  isSupported(): boolean {
    return this.supported;
  }
  create(spec: NotificationSpec) {
    return {
      on: (_event: 'click', listener: () => void) => this.#clicks.push(listener),
      show: () => this.shown.push(spec),
    };
  }
  clickLast(): void {
    this.#clicks.at(-1)?.();
  }
}

export class FakePowerSaveBlocker implements PowerSaveBlockerLike {
  readonly started = new Map<number, string>();
  #next = 1;

  start(type: 'prevent-app-suspension' | 'prevent-display-sleep'): number {
    const id = this.#next++;
    this.started.set(id, type);
    return id;
  }
  stop(id: number): boolean {
    return this.started.delete(id);
  }
  isStarted(id: number): boolean {
    return this.started.has(id);
  }
}

export class FakeWindow implements HideableWindowLike, ProgressBarTarget {
  hidden = false;
  progress: Array<[number, string | undefined]> = [];
  readonly #close = new Set<(event: CloseEventLike) => void>();

  on(_event: 'close', listener: (event: CloseEventLike) => void): void {
    this.#close.add(listener);
  }
  removeListener(_event: 'close', listener: (event: CloseEventLike) => void): void {
    this.#close.delete(listener);
  }
  hide(): void {
    this.hidden = true;
  }
  setProgressBar(progress: number, options?: { mode: string }): void {
    this.progress.push([progress, options?.mode]);
  }

  /** The user clicks the window's close button; returns whether the window really closes. */
  close(): boolean {
    let prevented = false;
    for (const listener of this.#close) listener({ preventDefault: () => (prevented = true) });
    return !prevented;
  }
}

/** A settable clock plus interval bookkeeping. */
export class FakeTimers {
  now = new Date('2025-03-04T05:00:00.000Z');
  readonly intervals = new Map<number, () => void>();
  #next = 1;

  setInterval = (tick: () => void): number => {
    const id = this.#next++;
    this.intervals.set(id, tick);
    return id;
  };
  clearInterval = (handle: unknown): void => {
    this.intervals.delete(handle as number);
  };
  tickAll(): void {
    for (const tick of this.intervals.values()) tick();
  }
}
