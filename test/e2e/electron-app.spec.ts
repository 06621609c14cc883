import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findElectronRuntime } from '../../scripts/electron-runtime';

const runtime = findElectronRuntime();
const ROOT = join(import.meta.dirname, '..', '..');

const SKIP_REASON =
  'Electron runtime binary is not installed on this machine (it cannot be downloaded here); run `npx install-electron` on a connected machine to enable this spec.';
if (!runtime) console.log(`Skipping the desktop app spec: ${SKIP_REASON}`);

test.describe('desktop app (Electron)', () => {
  test.skip(!runtime, SKIP_REASON);

  test('opens a secure window showing the console', async ({ browserName: _ }, testInfo) => {
    const userData = mkdtempSync(join(tmpdir(), 'clinicsync-electron-'));
    const app = await electron.launch({
      executablePath: runtime ?? undefined,
      args: [ROOT, `--user-data-dir=${userData}`],
      env: { ...process.env, CLINICSYNC_DATA_DIR: userData },
    });
    try {
      const window = await app.firstWindow();
      await expect(window.getByRole('heading', { name: 'About this console' })).toBeVisible();
      await expect(window.getByTestId('app-runtime')).toHaveText('Desktop app (Electron)');
      expect(window.url()).toMatch(/^app:\/\/clinicsync\//);
      // The page sees the named bridge functions, never Node or ipcRenderer.
      const exposure = await window.evaluate(() => ({
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
        bridgeKeys: Object.keys((window as unknown as { clinicSync: object }).clinicSync),
      }));
      expect(exposure.require).toBe('undefined');
      expect(exposure.process).toBe('undefined');
      expect(exposure.bridgeKeys).toContain('app:info');
      expect(exposure.bridgeKeys).not.toContain('invoke');
      await window.screenshot({ path: testInfo.outputPath('electron-window.png') });
    } finally {
      await app.close();
      rmSync(userData, { recursive: true, force: true });
    }
  });
});
