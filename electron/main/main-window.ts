import { app, BrowserWindow, shell } from 'electron';
import { APP_ENTRY_URL } from './app-origin';
import { denyAllPermissions, enforceContentSecurityPolicy, lockDownContents } from './web-security';

/** The console window; it stays hidden (in the tray) when ClinicSync was started at login. */
export function createMainWindow(preloadPath: string, options: { showWhenReady: boolean }): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    title: 'ClinicSync',
    show: false,
    // Electron's security checklist, written out rather than left to defaults.
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      // Developer tools only in development: in an installed app they would open a door into the console.
      devTools: !app.isPackaged,
      disableBlinkFeatures: 'Auxclick',
      preload: preloadPath, // eng-disable PRELOAD_JS_CHECK: it exposes only the contract's named functions (electron/preload/bridge.ts)
    },
  });
  denyAllPermissions(window.webContents.session);
  enforceContentSecurityPolicy(window.webContents.session);
  lockDownContents(window.webContents, shell);
  if (options.showWhenReady) window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
