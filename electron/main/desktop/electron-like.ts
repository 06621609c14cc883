/**
 * The slices of Electron's APIs the desktop modules use, so they run in plain Node tests with fakes.
 * Electron's own objects satisfy each of them (checked in electron-adapters.ts).
 */

/** `safeStorage`, async API only (the sync one is deprecated and blocks the main thread). */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  /** Linux only: which password store Chromium picked. */
  getSelectedStorageBackend(): string;
}

/** A Menu template item; a subset of Electron's MenuItemConstructorOptions. */
export interface MenuItemSpec {
  id?: string;
  label?: string;
  type?: 'normal' | 'separator' | 'checkbox';
  enabled?: boolean;
  checked?: boolean;
  click?: () => void;
}

/** `Tray`. The image and menu types are opaque: whatever the injected factories build. */
export interface TrayLike<Image = unknown, Menu = unknown> {
  setImage(image: Image): void;
  setToolTip(toolTip: string): void;
  setContextMenu(menu: Menu | null): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface NotificationSpec {
  title: string;
  body: string;
  /** Sync failures are worth a sound; summaries are not. */
  silent: boolean;
}

export interface NotificationLike {
  on(event: 'click', listener: () => void): unknown;
  show(): void;
}

/** `new Notification(options)` and `Notification.isSupported()`. */
export interface NotificationFactory {
  isSupported(): boolean;
  create(spec: NotificationSpec): NotificationLike;
}

/** `BrowserWindow.setProgressBar`. */
export interface ProgressBarTarget {
  setProgressBar(progress: number, options?: { mode: 'none' | 'normal' | 'indeterminate' | 'error' | 'paused' }): void;
}

/** `powerSaveBlocker`. */
export interface PowerSaveBlockerLike {
  start(type: 'prevent-app-suspension' | 'prevent-display-sleep'): number;
  stop(id: number): boolean;
  isStarted(id: number): boolean;
}

/** `app.getLoginItemSettings` / `app.setLoginItemSettings` (macOS and Windows only). */
export interface LoginItemsLike {
  getLoginItemSettings(options?: { args?: string[] }): { openAtLogin: boolean };
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
}

export interface CloseEventLike {
  preventDefault(): void;
}

/** The main BrowserWindow as close-to-tray sees it. */
export interface HideableWindowLike {
  on(event: 'close', listener: (event: CloseEventLike) => void): unknown;
  removeListener(event: 'close', listener: (event: CloseEventLike) => void): unknown;
  hide(): void;
}
