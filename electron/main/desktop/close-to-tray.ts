import type { CloseEventLike, HideableWindowLike, NotificationSpec } from './electron-like';

export interface CloseToTrayDeps {
  window: HideableWindowLike;
  /** True once the user chose Quit (app 'before-quit'): then a close really closes. */
  isQuitting(): boolean;
  /** Whether "still running in the tray" was already said, on any earlier launch. */
  alreadyExplained(): boolean;
  markExplained(): void;
  /** Says it (a notification); returns whether it could be shown, so it is not marked said otherwise. */
  explain(spec: NotificationSpec): boolean;
  platform: NodeJS.Platform;
}

export function closeToTrayExplanation(platform: NodeJS.Platform): NotificationSpec {
  const where = platform === 'darwin' ? 'the menu bar' : platform === 'win32' ? 'the notification area by the clock' : 'the system tray';
  return {
    title: 'ClinicSync is still running',
    body: `It keeps syncing on schedule from its icon in ${where}; open the console from there, or by starting ClinicSync again. To stop it, choose Quit ClinicSync in that icon’s menu.`,
    silent: true,
  };
}

/**
 * Closing the console window hides it instead, so scheduled syncs keep running; the first time
 * ever, ClinicSync says so. Returns a function that removes the behaviour.
 */
export function keepRunningInTrayOnClose(deps: CloseToTrayDeps): () => void {
  const onClose = (event: CloseEventLike) => {
    if (deps.isQuitting()) return;
    event.preventDefault();
    deps.window.hide();
    if (deps.alreadyExplained()) return;
    if (deps.explain(closeToTrayExplanation(deps.platform))) deps.markExplained();
  };
  deps.window.on('close', onClose);
  return () => deps.window.removeListener('close', onClose);
}

/** Brings the console back from the tray, a minimised state or behind other windows (tray "Open console", a second launch). */
export function revealWindow(window: { isMinimized(): boolean; restore(): void; show(): void; focus(): void }): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/** Remembers that the user chose Quit, from app's 'before-quit'. */
export function trackQuitting(app: { on(event: 'before-quit', listener: () => void): unknown }): () => boolean {
  let quitting = false;
  app.on('before-quit', () => {
    quitting = true;
  });
  return () => quitting;
}
