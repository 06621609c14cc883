import { UserFacingError } from '../../core/errors';
import type { NotificationFactory, NotificationLike, NotificationSpec } from './electron-like';
import type { DesktopAppPort } from './ports';
import { notificationForFinished } from './sync-notifications';

export interface NotifierDeps {
  factory: NotificationFactory;
  port: DesktopAppPort;
  /** Clicking a notification opens the console. */
  openConsole(): void;
  now(): Date;
  log?(line: string): void;
}

/** Electron drops a notification's click handler once the object is garbage-collected: keep the recent ones. */
const KEEP_RECENT = 10;

/** Shows the desktop notifications: finished runs, a sync that could not start, one-off explanations. */
export class Notifier {
  readonly #deps: NotifierDeps;
  readonly #recent: NotificationLike[] = [];
  #unsubscribe: (() => void) | null = null;

  constructor(deps: NotifierDeps) {
    this.#deps = deps;
  }

  start(): void {
    this.#unsubscribe ??= this.#deps.port.onSyncFinished((finished) => {
      const spec = notificationForFinished(finished, this.#deps.port.status().timeZone, this.#deps.now());
      if (spec) this.show(spec);
    });
  }

  /** Returns whether it could be shown (some Linux desktops have no notification service). */
  show(spec: NotificationSpec): boolean {
    if (!this.#deps.factory.isSupported()) {
      this.#deps.log?.(`notifications unsupported; not shown: ${spec.title}`);
      return false;
    }
    const notification = this.#deps.factory.create(spec);
    notification.on('click', () => this.#deps.openConsole());
    notification.show();
    this.#recent.push(notification);
    if (this.#recent.length > KEEP_RECENT) this.#recent.shift();
    return true;
  }

  /** A manual sync the user asked for did not start: say why, in their words. */
  couldNotStart(error: unknown): void {
    const body =
      error instanceof UserFacingError ? error.message : 'ClinicSync could not start the sync. The details were written to its log.';
    this.show({ title: 'Sync did not start', body, silent: false });
  }

  dispose(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }
}
