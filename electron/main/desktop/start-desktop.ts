import { keepRunningInTrayOnClose } from './close-to-tray';
import type { DesktopStateStore } from './desktop-state';
import type {
  HideableWindowLike,
  MenuItemSpec,
  NotificationFactory,
  PowerSaveBlockerLike,
  ProgressBarTarget,
  TrayLike,
} from './electron-like';
import { KeepAwake } from './keep-awake';
import type { OpenAtLogin } from './login-item';
import { Notifier } from './notifier';
import type { DesktopAppPort } from './ports';
import { TaskbarProgress } from './taskbar-progress';
import { TrayController } from './tray-controller';
import type { TrayActions, TrayIconName } from './tray-menu';
import { installTestHooks } from './test-hooks';

export interface DesktopDeps<Image, Menu> {
  port: DesktopAppPort;
  platform: NodeJS.Platform;
  tray: TrayLike<Image, Menu>;
  buildMenu(items: MenuItemSpec[]): Menu;
  icons: Record<TrayIconName, Image>;
  notifications: NotificationFactory;
  powerSaveBlocker: PowerSaveBlockerLike;
  /** null where the system offers no way to open at login. */
  openAtLogin: OpenAtLogin | null;
  state: Pick<DesktopStateStore, 'get' | 'set'>;
  /** The console window while it exists (for taskbar progress). */
  window(): ProgressBarTarget | null;
  /** Shows and focuses the console window, creating it if needed. */
  showConsole(): void;
  /** `app.quit()`. */
  quit(): void;
  /** True once quitting began (see trackQuitting). */
  isQuitting(): boolean;
  now(): Date;
  setInterval(tick: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  /** Diagnostics (no secrets, no patient data reach it). */
  log(line: string): void;
  /** Exposes the tray and notifications on globalThis for the `_electron` end-to-end specs. */
  testHooks?: boolean;
}

export interface Desktop {
  /** Makes closing this window hide it to the tray. Call for each console window created. */
  attachWindow(window: HideableWindowLike): () => void;
  readonly tray: TrayController<unknown, unknown>;
  readonly notifier: Notifier;
  dispose(): void;
}

/** The desktop shell: tray, notifications, taskbar progress, keep-awake and close-to-tray, over the app port. */
export function startDesktop<Image, Menu>(deps: DesktopDeps<Image, Menu>): Desktop {
  const { port } = deps;
  const notifications = deps.testHooks ? installTestHooks.recordNotifications(deps.notifications) : deps.notifications;
  const notifier = new Notifier({ factory: notifications, port, openConsole: deps.showConsole, now: deps.now, log: deps.log });

  let tray: TrayController<Image, Menu> | null = null;
  const refreshTray = () => tray?.refresh();
  const actions: TrayActions = {
    syncNow: () => {
      port.syncNow().catch((error: unknown) => {
        deps.log(`tray: sync did not start: ${error instanceof Error ? error.message : String(error)}`);
        notifier.couldNotStart(error);
      });
    },
    cancel: () => port.cancel(),
    openConsole: () => deps.showConsole(),
    setPaused: (paused) => {
      port.setPaused(paused);
      refreshTray();
    },
    setOpenAtLogin: (enabled) => {
      try {
        deps.openAtLogin?.setEnabled(enabled);
      } catch (error) {
        deps.log(`tray: could not change open at login: ${error instanceof Error ? error.message : String(error)}`);
      }
      refreshTray();
    },
    quit: () => deps.quit(),
  };
  tray = new TrayController<Image, Menu>({
    tray: deps.tray,
    buildMenu: deps.buildMenu,
    icons: deps.icons,
    port,
    actions,
    openAtLogin: () => safeIsEnabled(deps.openAtLogin),
    now: deps.now,
    openOnClick: deps.platform === 'win32',
    escapeAmpersands: deps.platform === 'win32',
    setInterval: deps.setInterval,
    clearInterval: deps.clearInterval,
  });

  const progress = new TaskbarProgress(deps.window);
  const keepAwake = new KeepAwake(deps.powerSaveBlocker);
  const followActivity = () => {
    const { syncing } = port.status();
    keepAwake.update(syncing);
    if (!syncing) progress.clear();
  };
  const unsubscribe = [
    port.onSyncProgress(({ percent }) => {
      keepAwake.update(true);
      progress.show(percent);
    }),
    port.onSyncFinished(followActivity),
    port.onStatusChanged(followActivity),
  ];

  notifier.start();
  tray.start();
  followActivity();

  const desktop: Desktop = {
    attachWindow: (window) =>
      keepRunningInTrayOnClose({
        window,
        isQuitting: deps.isQuitting,
        alreadyExplained: () => deps.state.get('closeToTrayExplained'),
        markExplained: () => deps.state.set('closeToTrayExplained', true),
        explain: (spec) => notifier.show(spec),
        platform: deps.platform,
      }),
    tray: tray as TrayController<unknown, unknown>,
    notifier,
    dispose() {
      for (const stop of unsubscribe.splice(0)) stop();
      keepAwake.update(false);
      progress.clear();
      notifier.dispose();
      tray?.dispose();
    },
  };
  if (deps.testHooks) installTestHooks.expose(desktop);
  return desktop;
}

function safeIsEnabled(openAtLogin: OpenAtLogin | null): boolean | null {
  if (!openAtLogin) return null;
  try {
    return openAtLogin.isEnabled();
  } catch {
    return null;
  }
}
