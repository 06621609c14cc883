import type { MenuItemSpec } from './electron-like';
import type { DesktopStatus } from './ports';
import { needsAttention, STATUS_WORDS } from './run-wording';
import { futurePhrase, pastPhrase } from './time-phrases';

export const TRAY_ICON_NAMES = ['idle', 'syncing', 'attention'] as const;
export type TrayIconName = (typeof TRAY_ICON_NAMES)[number];

export interface TrayActions {
  syncNow(): void;
  cancel(): void;
  openConsole(): void;
  setPaused(paused: boolean): void;
  setOpenAtLogin(enabled: boolean): void;
  quit(): void;
}

export interface TrayInput {
  status: DesktopStatus;
  /** The latest progress figure while syncing (null: unknown yet). */
  percent: number | null;
  /** Whether ClinicSync opens at login; null where this system offers no way to do it. */
  openAtLogin: boolean | null;
  now: Date;
}

export interface TrayPresentation {
  icon: TrayIconName;
  toolTip: string;
  items: MenuItemSpec[];
}

const MAX_LABEL = 90;
const separator: MenuItemSpec = { type: 'separator' };

/** Everything the tray shows, from the app's state alone. Pure: the controller applies it. */
export function presentTray(input: TrayInput, actions: TrayActions): TrayPresentation {
  return { icon: trayIcon(input.status), toolTip: toolTip(input), items: menuItems(input, actions) };
}

export function trayIcon(status: DesktopStatus): TrayIconName {
  if (status.syncing) return 'syncing';
  return status.lastRun && needsAttention(status.lastRun.status) ? 'attention' : 'idle';
}

function percentText(percent: number | null): string {
  return percent === null ? '' : ` ${Math.max(0, Math.min(100, Math.round(percent)))}%`;
}

function toolTip({ status, percent, now }: TrayInput): string {
  if (status.syncing) return `ClinicSync — syncing…${percentText(percent)}`;
  const last = status.lastRun;
  if (!last) return 'ClinicSync — no sync yet';
  return `ClinicSync — last sync ${STATUS_WORDS[last.status]} ${pastPhrase(last.finishedAt, status.timeZone, now)}`;
}

function menuItems(input: TrayInput, actions: TrayActions): MenuItemSpec[] {
  const { status, now } = input;
  const zone = status.timeZone;
  const items: MenuItemSpec[] = status.syncing
    ? [
        { id: 'sync-now', label: `Syncing…${percentText(input.percent)}`, enabled: false },
        { id: 'cancel-sync', label: 'Cancel sync', click: () => actions.cancel() },
      ]
    : [{ id: 'sync-now', label: 'Sync now', click: () => actions.syncNow() }];
  items.push({ id: 'open-console', label: 'Open console', click: () => actions.openConsole() }, separator);

  const last = status.lastRun;
  items.push({
    id: 'last-run',
    label: last ? `Last sync: ${STATUS_WORDS[last.status]}, ${pastPhrase(last.finishedAt, zone, now)}` : 'No sync yet',
    enabled: false,
  });
  if (last?.summary) items.push({ id: 'last-run-summary', label: shorten(last.summary), enabled: false });
  if (status.resumeAt) {
    items.push({ id: 'resume-at', label: `Waiting sync continues ${futurePhrase(status.resumeAt, zone, now)}`, enabled: false });
  }
  if (status.retry) {
    const { at, attempt, attempts } = status.retry;
    items.push({
      id: 'retry-at',
      label: `Failed sync retried ${futurePhrase(at, zone, now)} (attempt ${attempt} of ${attempts})`,
      enabled: false,
    });
  }
  items.push({ id: 'next-run', label: nextRunLabel(status, now), enabled: false }, separator);

  items.push({
    id: 'toggle-schedule',
    label: status.paused ? 'Resume schedule' : 'Pause schedule',
    click: () => actions.setPaused(!status.paused),
  });
  if (input.openAtLogin !== null) {
    const enabled = input.openAtLogin;
    items.push({
      id: 'open-at-login',
      label: 'Open at login',
      type: 'checkbox',
      checked: enabled,
      click: () => actions.setOpenAtLogin(!enabled),
    });
  }
  items.push(separator, { id: 'quit', label: 'Quit ClinicSync', click: () => actions.quit() });
  return items;
}

function nextRunLabel(status: DesktopStatus, now: Date): string {
  if (status.paused) return 'Schedule paused';
  if (status.nextRun) return `Next sync: ${futurePhrase(status.nextRun, status.timeZone, now)}`;
  return 'No sync scheduled';
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= MAX_LABEL ? oneLine : `${oneLine.slice(0, MAX_LABEL - 1)}…`;
}
