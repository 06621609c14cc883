import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findElectronRuntime } from '../../scripts/electron-runtime';
import type { DesktopTestHooks } from '../../electron/main/desktop/test-hooks';

const runtime = findElectronRuntime();
const ROOT = join(import.meta.dirname, '..', '..');

const SKIP_REASON =
  'Electron runtime binary is not installed on this machine (it cannot be downloaded here); run `npx install-electron` on a connected machine to enable this spec.';
if (!runtime) console.log(`Skipping the tray and close-to-tray spec: ${SKIP_REASON}`);

/** Reads the desktop shell's test hooks (installed when CLINICSYNC_TEST_HOOKS=1) in the main process. */
async function hooks<T>(app: ElectronApplication, read: (hooks: DesktopTestHooks) => T): Promise<T> {
  return app.evaluate((_electron, body) => {
    const installed = (globalThis as { __clinicSyncDesktop?: DesktopTestHooks }).__clinicSyncDesktop;
    if (!installed)
      throw new Error('The desktop shell did not start (no test hooks): is startElectronDesktop wired in electron/main/index.ts?');
    return new Function('hooks', `return (${body})(hooks)`)(installed) as T;
  }, read.toString());
}

async function windowsVisible(app: ElectronApplication): Promise<boolean[]> {
  return app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((window) => window.isVisible()));
}

test.describe('desktop app: tray and close-to-tray (Electron)', () => {
  test.skip(!runtime, SKIP_REASON);

  let userData: string;
  test.beforeEach(() => {
    userData = mkdtempSync(join(tmpdir(), 'clinicsync-tray-'));
  });
  test.afterEach(() => {
    rmSync(userData, { recursive: true, force: true });
    rmSync(`${userData}-keys`, { recursive: true, force: true });
  });

  function launch(): Promise<ElectronApplication> {
    return electron.launch({
      executablePath: runtime ?? undefined,
      args: [ROOT, `--user-data-dir=${userData}`],
      env: { ...process.env, CLINICSYNC_DATA_DIR: userData, CLINICSYNC_KEY_DIR: `${userData}-keys`, CLINICSYNC_TEST_HOOKS: '1' },
    });
  }

  test('the tray shows the state and its menu', async () => {
    const app = await launch();
    try {
      await app.firstWindow();
      await expect.poll(() => hooks(app, (h) => h.trayIcon())).toBe('idle');
      const labels = await hooks(app, (h) => h.trayMenu().map((item) => item.label));
      expect(labels).toEqual(expect.arrayContaining(['Sync now', 'Open console', 'Pause schedule', 'Quit ClinicSync']));
      expect(labels.some((label) => label === 'No sync yet' || label?.startsWith('Last sync:'))).toBe(true);

      await hooks(app, (h) => h.clickTrayItem('toggle-schedule'));
      await expect.poll(() => hooks(app, (h) => h.trayMenu().find((item) => item.id === 'toggle-schedule')?.label)).toBe('Resume schedule');
      await hooks(app, (h) => h.clickTrayItem('toggle-schedule'));
    } finally {
      await app.close();
    }
  });

  test('closing the window keeps ClinicSync in the tray, says so once, and Quit really quits', async () => {
    let app = await launch();
    try {
      await app.firstWindow();
      await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
      await expect.poll(() => windowsVisible(app)).toEqual([false]);
      const explained = () => hooks(app, (h) => h.notifications().filter((n) => n.title === 'ClinicSync is still running').length);
      await expect.poll(explained).toBe(1);
      expect(existsSync(join(userData, 'desktop-state.json'))).toBe(true);
      expect(JSON.parse(readFileSync(join(userData, 'desktop-state.json'), 'utf8')).closeToTrayExplained).toBe(true);

      // Open console brings the same window back; closing again says nothing new.
      await hooks(app, (h) => h.clickTrayItem('open-console'));
      await expect.poll(() => windowsVisible(app)).toEqual([true]);
      await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
      await expect.poll(() => windowsVisible(app)).toEqual([false]);
      expect(await explained()).toBe(1);

      const closed = new Promise<void>((resolve) => app.once('close', () => resolve()));
      await hooks(app, (h) => h.clickTrayItem('quit'));
      await closed;
    } finally {
      await app.close().catch(() => {});
    }

    // The next launch remembers it was said.
    app = await launch();
    try {
      await app.firstWindow();
      await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
      await expect.poll(() => windowsVisible(app)).toEqual([false]);
      expect(await hooks(app, (h) => h.notifications().length)).toBe(0);
    } finally {
      await app.close();
    }
  });
});
