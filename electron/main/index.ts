import { join } from 'node:path';
import { app, ipcMain, type BrowserWindow } from 'electron';
import { IPC_EVENT } from '../contract';
import { openHeadlessService } from '../core/app/headless';
import { bindEvents, registerContractIpc, serveContract } from '../handlers';
import { emulatedDemoPractice } from '../handlers/demo-practice';
import { APP_ORIGIN } from './app-origin';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { createMainWindow } from './main-window';

// One ClinicSync per user: a second launch focuses the first window instead of opening another cache.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  let window: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  void app.whenReady().then(() => {
    const service = openHeadlessService({
      name: 'ClinicSync',
      version: app.getVersion(),
      dataDir: app.getPath('userData'),
      demo: emulatedDemoPractice(),
    });
    serveAppProtocol(join(import.meta.dirname, '../renderer'));
    const dispatch = serveContract(service, 'electron', (err) => console.error('Internal error:', err));
    registerContractIpc(ipcMain, dispatch, APP_ORIGIN);
    window = createMainWindow(join(import.meta.dirname, '../preload/index.cjs'));
    bindEvents(service, (event, payload) => window?.webContents.send(IPC_EVENT, event, payload));
    window.on('closed', () => {
      window = null;
    });
  });

  app.on('window-all-closed', () => app.quit());
}
