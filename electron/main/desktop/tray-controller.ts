import type { MenuItemSpec, TrayLike } from './electron-like';
import type { DesktopAppPort } from './ports';
import { presentTray, type TrayActions, type TrayIconName, type TrayPresentation } from './tray-menu';

export interface TrayControllerDeps<Image, Menu> {
  tray: TrayLike<Image, Menu>;
  /** `Menu.buildFromTemplate`. */
  buildMenu(items: MenuItemSpec[]): Menu;
  icons: Record<TrayIconName, Image>;
  port: DesktopAppPort;
  actions: TrayActions;
  /** Current open-at-login state; null where unsupported. */
  openAtLogin(): boolean | null;
  now(): Date;
  /** Windows: a left click opens the console (elsewhere a click opens the menu). */
  openOnClick: boolean;
  /** Windows menus read "&" as a mnemonic marker. */
  escapeAmpersands: boolean;
  setInterval(tick: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** Relative times ("today at …") and the next run drift; a minute is fine-grained enough. */
const REFRESH_MS = 60_000;
/** Progress arrives ten times a second; a tray menu rebuilt that often is wasted work on Linux. */
const PROGRESS_REFRESH_MS = 1_000;

/** Applies presentTray's result to the real tray whenever the app's state changes. */
export class TrayController<Image, Menu> {
  readonly #deps: TrayControllerDeps<Image, Menu>;
  readonly #unsubscribe: Array<() => void> = [];
  #percent: number | null = null;
  #timer: unknown = null;
  #icon: TrayIconName | null = null;
  #toolTip = '';
  #menuKey = '';
  #lastProgressRefresh = 0;
  #current: TrayPresentation | null = null;

  constructor(deps: TrayControllerDeps<Image, Menu>) {
    this.#deps = deps;
  }

  start(): void {
    const { port } = this.#deps;
    this.#unsubscribe.push(
      port.onSyncProgress((progress) => this.#onProgress(progress.percent)),
      port.onSyncFinished(() => this.refresh()),
      port.onStatusChanged(() => this.refresh()),
    );
    if (this.#deps.openOnClick) this.#deps.tray.on('click', () => this.#deps.actions.openConsole());
    this.#timer = this.#deps.setInterval(() => this.refresh(), REFRESH_MS);
    this.refresh();
  }

  /** What the tray shows now (for the end-to-end test hook). */
  current(): TrayPresentation | null {
    return this.#current;
  }

  refresh(): void {
    const status = this.#deps.port.status();
    if (!status.syncing) this.#percent = null;
    const presentation = presentTray(
      { status, percent: this.#percent, openAtLogin: this.#deps.openAtLogin(), now: this.#deps.now() },
      this.#deps.actions,
    );
    this.#current = presentation;
    const { tray } = this.#deps;
    if (presentation.icon !== this.#icon) {
      tray.setImage(this.#deps.icons[presentation.icon]);
      this.#icon = presentation.icon;
    }
    if (presentation.toolTip !== this.#toolTip) {
      tray.setToolTip(presentation.toolTip);
      this.#toolTip = presentation.toolTip;
    }
    const items = this.#deps.escapeAmpersands ? presentation.items.map(escapeLabel) : presentation.items;
    const key = JSON.stringify(items.map(({ id, label, type, enabled, checked }) => [id, label, type, enabled, checked]));
    if (key !== this.#menuKey) {
      tray.setContextMenu(this.#deps.buildMenu(items));
      this.#menuKey = key;
    }
  }

  dispose(): void {
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
    if (this.#timer !== null) this.#deps.clearInterval(this.#timer);
    this.#timer = null;
    this.#deps.tray.destroy();
  }

  #onProgress(percent: number | null): void {
    this.#percent = percent;
    const now = this.#deps.now().getTime();
    if (now - this.#lastProgressRefresh < PROGRESS_REFRESH_MS) return;
    this.#lastProgressRefresh = now;
    this.refresh();
  }
}

function escapeLabel(item: MenuItemSpec): MenuItemSpec {
  return item.label === undefined ? item : { ...item, label: item.label.replace(/&/g, '&&') };
}
