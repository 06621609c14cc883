import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserFacingError } from '../../../../electron/core/errors';
import { closeToTrayExplanation, keepRunningInTrayOnClose } from '../../../../electron/main/desktop/close-to-tray';
import { DESKTOP_STATE_FILE, DesktopStateStore } from '../../../../electron/main/desktop/desktop-state';
import type { MenuItemSpec } from '../../../../electron/main/desktop/electron-like';
import type { OpenAtLogin } from '../../../../electron/main/desktop/login-item';
import { startDesktop, type DesktopDeps } from '../../../../electron/main/desktop/start-desktop';
import { FakeNotifications, FakePort, FakePowerSaveBlocker, FakeTimers, FakeTray, FakeWindow, finished } from './fakes';

const dirs: string[] = [];
function userData(): string {
  const dir = mkdtempSync(join(tmpdir(), 'clinicsync-desktop-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function harness(options: { dir?: string; platform?: NodeJS.Platform; openAtLogin?: OpenAtLogin | null } = {}) {
  const port = new FakePort();
  const tray = new FakeTray();
  const notifications = new FakeNotifications();
  const blocker = new FakePowerSaveBlocker();
  const window = new FakeWindow();
  const timers = new FakeTimers();
  const state = new DesktopStateStore(options.dir ?? userData());
  const log: string[] = [];
  const calls = { showConsole: 0, quit: 0 };
  let quitting = false;
  const deps: DesktopDeps<string, MenuItemSpec[]> = {
    port,
    platform: options.platform ?? 'linux',
    tray,
    buildMenu: (items) => items,
    icons: { idle: 'idle.png', syncing: 'syncing.png', attention: 'attention.png' },
    notifications,
    powerSaveBlocker: blocker,
    openAtLogin: options.openAtLogin ?? null,
    state,
    window: () => window,
    showConsole: () => calls.showConsole++,
    quit: () => {
      calls.quit++;
      quitting = true;
    },
    isQuitting: () => quitting,
    now: () => timers.now,
    setInterval: timers.setInterval,
    clearInterval: timers.clearInterval,
    log: (line) => log.push(line),
  };
  const desktop = startDesktop(deps);
  return { desktop, port, tray, notifications, blocker, window, timers, state, log, calls };
}

describe('desktop shell over the app port', () => {
  it('puts the state on the tray and follows a sync from start to finish', () => {
    const { port, tray, notifications, timers } = harness();
    expect(tray.image).toBe('idle.png');
    expect(tray.labels()).toContain('Next sync: tomorrow at 03:00');

    port.startSync();
    expect(tray.image).toBe('syncing.png');
    port.progress(10);
    expect(tray.item('sync-now').label).toBe('Syncing… 10%');
    // Ten progress events a second do not rebuild the menu ten times a second.
    const builds = tray.menuBuilds;
    port.progress(11);
    port.progress(12);
    expect(tray.menuBuilds).toBe(builds);
    timers.now = new Date(timers.now.getTime() + 1_500);
    port.progress(30);
    expect(tray.item('sync-now').label).toBe('Syncing… 30%');

    port.finish(finished({ status: 'failed', reason: 'Cliniko rejected the API key.', finishedAt: timers.now.toISOString() }));
    expect(tray.image).toBe('attention.png');
    expect(tray.toolTip).toBe('ClinicSync — last sync failed today at 16:00');
    expect(tray.item('sync-now').label).toBe('Sync now');
    expect(notifications.shown.map((spec) => spec.title)).toEqual(['Sync failed']);
  });

  it('tray items reach the app; Sync now that cannot start says why', async () => {
    const { port, tray, notifications, calls } = harness();
    port.syncNowResult = async () => {
      throw new UserFacingError('no_sources', 'Add a connection first: there is nothing to sync.');
    };
    tray.item('sync-now').click?.();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(notifications.shown).toEqual([
      { title: 'Sync did not start', body: 'Add a connection first: there is nothing to sync.', silent: false },
    ]);

    tray.item('toggle-schedule').click?.();
    expect(port.calls).toContain('setPaused:true');
    expect(tray.item('toggle-schedule').label).toBe('Resume schedule');
    expect(tray.item('next-run').label).toBe('Schedule paused');

    tray.item('open-console').click?.();
    tray.item('quit').click?.();
    expect(calls).toEqual({ showConsole: 1, quit: 1 });
  });

  it('refreshes relative times every minute without rebuilding an unchanged menu', () => {
    const { tray, timers } = harness();
    const builds = tray.menuBuilds;
    timers.tickAll();
    expect(tray.menuBuilds).toBe(builds);
    timers.now = new Date('2025-03-04T14:00:00.000Z'); // 01:00 on Wed in Sydney: the 03:00 run is now today
    timers.tickAll();
    expect(tray.item('next-run').label).toBe('Next sync: today at 03:00');
  });

  it('shows progress on the taskbar and keeps the computer awake only while syncing', () => {
    const { port, blocker, window } = harness();
    expect(blocker.started.size).toBe(0);
    port.startSync();
    expect([...blocker.started.values()]).toEqual(['prevent-app-suspension']);
    port.progress(null);
    port.progress(50);
    expect(window.progress).toEqual([
      [2, 'indeterminate'],
      [0.5, 'normal'],
    ]);
    port.finish(finished());
    expect(blocker.started.size).toBe(0);
    expect(window.progress.at(-1)).toEqual([-1, 'none']);
  });

  it('offers open at login where the system supports it', () => {
    let enabled = false;
    const openAtLogin: OpenAtLogin = { isEnabled: () => enabled, setEnabled: (value) => (enabled = value) };
    const { tray } = harness({ openAtLogin });
    expect(tray.item('open-at-login')).toMatchObject({ type: 'checkbox', checked: false });
    tray.item('open-at-login').click?.();
    expect(enabled).toBe(true);
    expect(tray.item('open-at-login').checked).toBe(true);
    expect(() => harness().tray.item('open-at-login')).toThrow(/no tray item/);
  });

  it('on Windows a left click opens the console and "&" is not taken for a mnemonic', () => {
    const { port, tray, calls } = harness({ platform: 'win32' });
    port.finish(finished({ status: 'failed', reason: 'Smith & Co rejected the key.' }));
    expect(tray.item('last-run-summary').label).toBe('Smith && Co rejected the key.');
    tray.clickListeners.forEach((listener) => listener());
    expect(calls.showConsole).toBe(1);
  });

  it('dispose lets go of everything', () => {
    const { desktop, port, tray, timers, blocker } = harness();
    port.startSync();
    desktop.dispose();
    expect(port.listenerCount).toBe(0);
    expect(timers.intervals.size).toBe(0);
    expect(blocker.started.size).toBe(0);
    expect(tray.destroyed).toBe(true);
  });
});

describe('close to tray', () => {
  it('hides the window instead of closing, and says so once — the first time ever', () => {
    const dir = userData();
    const first = harness({ dir });
    first.desktop.attachWindow(first.window);
    expect(first.window.close()).toBe(false);
    expect(first.window.hidden).toBe(true);
    expect(first.window.close()).toBe(false);
    expect(first.notifications.shown).toEqual([closeToTrayExplanation('linux')]);
    expect(JSON.parse(readFileSync(join(dir, DESKTOP_STATE_FILE), 'utf8'))).toMatchObject({ closeToTrayExplained: true });

    // A later launch remembers it was said.
    const second = harness({ dir });
    second.desktop.attachWindow(second.window);
    expect(second.window.close()).toBe(false);
    expect(second.notifications.shown).toEqual([]);
  });

  it('closes for real once the user chose Quit', () => {
    const { desktop, window, tray } = harness();
    desktop.attachWindow(window);
    tray.item('quit').click?.();
    expect(window.close()).toBe(true);
    expect(window.hidden).toBe(false);
  });

  it('tries again next time when the explanation could not be shown', () => {
    const window = new FakeWindow();
    let explained = false;
    let supported = false;
    keepRunningInTrayOnClose({
      window,
      isQuitting: () => false,
      alreadyExplained: () => explained,
      markExplained: () => (explained = true),
      explain: () => supported,
      platform: 'darwin',
    });
    window.close();
    expect(explained).toBe(false);
    supported = true;
    window.close();
    expect(explained).toBe(true);
    expect(closeToTrayExplanation('darwin').body).toContain('menu bar');
    expect(closeToTrayExplanation('win32').body).toContain('notification area');
  });

  it('a damaged state file is set aside and the explanation comes again', () => {
    const dir = userData();
    writeFileSync(join(dir, DESKTOP_STATE_FILE), '{nope');
    const { desktop, window, notifications } = harness({ dir });
    desktop.attachWindow(window);
    window.close();
    expect(notifications.shown).toHaveLength(1);
  });
});
