import os from 'node:os';
import path from 'node:path';
import { app, dialog, Menu, nativeImage, Notification, powerSaveBlocker, safeStorage, Tray, type BrowserWindow } from 'electron';
import ElectronStore from 'electron-store';
import { keyFilePath } from '../../core/db/cache-key';
import { trackQuitting } from './close-to-tray';
import { DesktopStateStore } from './desktop-state';
import type { LoginItemsLike, NotificationFactory, PowerSaveBlockerLike, SafeStorageLike } from './electron-like';
import { ElectronSettingsStore, type CreateKeyValueFile } from './electron-settings-store';
import { openAtLoginFor } from './login-item';
import type { DesktopAppPort } from './ports';
import { desktopCacheKeyFile, loadOrCreateSafeStorageCacheKey, type DesktopCacheKey } from './safe-storage-cache-key';
import { SafeStorageSecretStore, SECRETS_FILE } from './safe-storage-secret-store';
import { startDesktop, type Desktop } from './start-desktop';
import { rememberedConsent } from './storage-backend';
import { trayIconFile } from './tray-icons';
import { TRAY_ICON_NAMES, type TrayIconName } from './tray-menu';

/*
 * The only desktop file that imports Electron: it hands Electron's real objects to the modules above,
 * which take them as narrow interfaces. The `satisfies` checks keep those interfaces honest.
 */
const electronSafeStorage = safeStorage satisfies SafeStorageLike;
const electronPowerSaveBlocker = powerSaveBlocker satisfies PowerSaveBlockerLike;
const electronLoginItems = app satisfies LoginItemsLike;

export const electronNotifications: NotificationFactory = {
  isSupported: () => Notification.isSupported(),
  create: (spec) => new Notification({ title: spec.title, body: spec.body, silent: spec.silent }),
};

/** Asks before keeping secrets in a weak store; "Cancel" is the default and the answer to Esc. */
export async function askWeakStorageConsent(warning: string): Promise<boolean> {
  const { response } = await dialog.showMessageBox({
    type: 'warning',
    title: 'ClinicSync',
    message: 'Store keys without a system keyring?',
    detail: warning,
    buttons: ['Cancel', 'Store anyway'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  });
  return response === 1;
}

/** Asks whether to delete a plain key file the keychain has made unnecessary; "Keep it" is the default. */
export async function askYesNo(question: string, detail: string): Promise<boolean> {
  const { response } = await dialog.showMessageBox({
    type: 'question',
    title: 'ClinicSync',
    message: question,
    detail,
    buttons: ['Keep it', 'Delete'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  });
  return response === 1;
}

/** The desktop state file and the consent to a weak secret store, shared by secrets and the cache key. */
export function desktopState(userDataDir: string): { state: DesktopStateStore; consent: ReturnType<typeof rememberedConsent> } {
  const state = new DesktopStateStore(userDataDir);
  return { state, consent: rememberedConsent(state, askWeakStorageConsent) };
}

export function createElectronSettingsStore(dataDir: string, onNotice: (message: string) => void): ElectronSettingsStore {
  const createStore: CreateKeyValueFile = (options) => new ElectronStore<Record<string, unknown>>(options);
  return new ElectronSettingsStore({ dataDir, createStore, onNotice });
}

export function createSafeStorageSecretStore(options: {
  userDataDir: string;
  consent: ReturnType<typeof rememberedConsent>;
  onNotice: (message: string) => void;
  log: (line: string) => void;
}): SafeStorageSecretStore {
  return new SafeStorageSecretStore({
    safeStorage: electronSafeStorage,
    platform: process.platform,
    file: path.join(options.userDataDir, SECRETS_FILE),
    consent: options.consent,
    onNotice: options.onNotice,
    log: options.log,
  });
}

/** The cache key through safeStorage; call after `app.whenReady()` (before it, Linux reports `unknown`). */
export function loadElectronCacheKey(options: {
  dataDir: string;
  keyDir: string;
  consent: ReturnType<typeof rememberedConsent>;
  log: (line: string) => void;
}): Promise<DesktopCacheKey> {
  return loadOrCreateSafeStorageCacheKey({
    safeStorage: electronSafeStorage,
    platform: process.platform,
    consent: options.consent,
    dataDir: options.dataDir,
    file: desktopCacheKeyFile(options.keyDir, options.dataDir),
    adoptKeyFile: keyFilePath(options.keyDir, options.dataDir),
    log: options.log,
  });
}

function linuxLaunchCommand(): string[] {
  if (process.env.APPIMAGE) return [process.env.APPIMAGE];
  return app.isPackaged ? [process.execPath] : [process.execPath, app.getAppPath()];
}

export interface ElectronDesktopOptions {
  port: DesktopAppPort;
  /** The folder holding `tray/` (resources/ in development, process.resourcesPath when packaged). */
  resourcesDir: string;
  state: DesktopStateStore;
  window(): BrowserWindow | null;
  showConsole(): void;
  log(line: string): void;
  testHooks?: boolean;
}

/** The tray and the rest of the desktop shell on Electron's real APIs. Call after `app.whenReady()`. */
export function startElectronDesktop(options: ElectronDesktopOptions): Desktop {
  const icons = Object.fromEntries(
    TRAY_ICON_NAMES.map((name) => [name, nativeImage.createFromPath(trayIconFile(options.resourcesDir, name))]),
  ) as Record<TrayIconName, Electron.NativeImage>;
  const tray = new Tray(icons.idle);
  const isQuitting = trackQuitting(app);
  return startDesktop<Electron.NativeImage, Electron.Menu>({
    port: options.port,
    platform: process.platform,
    tray,
    buildMenu: (items) => Menu.buildFromTemplate(items),
    icons,
    notifications: electronNotifications,
    powerSaveBlocker: electronPowerSaveBlocker,
    openAtLogin: openAtLoginFor({
      platform: process.platform,
      loginItems: electronLoginItems,
      autostartDir: path.join(process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'autostart'),
      command: linuxLaunchCommand(),
    }),
    state: options.state,
    window: () => {
      const window = options.window();
      return window && !window.isDestroyed() ? window : null;
    },
    showConsole: options.showConsole,
    quit: () => app.quit(),
    isQuitting,
    now: () => new Date(),
    setInterval: (tick, ms) => setInterval(tick, ms),
    clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
    log: options.log,
    testHooks: options.testHooks,
  });
}
