import type { NotificationFactory, NotificationSpec } from './electron-like';
import type { Desktop } from './start-desktop';

/** What the `_electron` specs read from the main process (`electronApp.evaluate(() => globalThis.__clinicSyncDesktop)`). */
export interface DesktopTestHooks {
  trayMenu(): Array<{ id?: string; label?: string; enabled?: boolean; checked?: boolean }>;
  trayIcon(): string | null;
  clickTrayItem(id: string): void;
  notifications(): NotificationSpec[];
}

declare global {
  var __clinicSyncDesktop: DesktopTestHooks | undefined;
}

const shown: NotificationSpec[] = [];

/** Only installed when the wiring asks (CLINICSYNC_TEST_HOOKS=1); the renderer never sees the main process's globals. */
export const installTestHooks = {
  recordNotifications(factory: NotificationFactory): NotificationFactory {
    return {
      isSupported: () => true,
      create(spec) {
        shown.push(spec);
        if (factory.isSupported()) return factory.create(spec);
        return { on: () => undefined, show: () => undefined };
      },
    };
  },

  expose(desktop: Desktop): void {
    globalThis.__clinicSyncDesktop = {
      trayMenu: () => (desktop.tray.current()?.items ?? []).map(({ id, label, enabled, checked }) => ({ id, label, enabled, checked })),
      trayIcon: () => desktop.tray.current()?.icon ?? null,
      clickTrayItem(id) {
        const item = desktop.tray.current()?.items.find((candidate) => candidate.id === id);
        if (!item?.click) throw new Error(`No clickable tray item ${id}`);
        item.click();
      },
      notifications: () => [...shown],
    };
  },
};
