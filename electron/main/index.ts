import { join } from 'node:path';
import { app, dialog, ipcMain, powerMonitor, type BrowserWindow } from 'electron';
import { IPC_EVENT } from '../contract';
import { describeError } from '../core/log/app-log';
import { SYNC_PROCESS_V8_FLAGS } from '../core/sync/process-flags';
import { bindEvents, registerContractIpc, serveContract } from '../handlers';
import { APP_ORIGIN } from './app-origin';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { revealWindow } from './desktop/close-to-tray';
import { startElectronDesktop } from './desktop/electron-adapters';
import { startedAtLogin } from './desktop/login-item';
import { desktopPortFor } from './desktop-port';
import { createMainWindow } from './main-window';
import { openDesktopService } from './open-desktop-service';

// One ClinicSync per user: a second launch shows the first one's console instead of opening another cache.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  // A smaller young generation keeps a 20,000-patient sync's peak memory under 300 MB (bench: sync).
  app.commandLine.appendSwitch('js-flags', SYNC_PROCESS_V8_FLAGS.join(' ')); // eng-disable CUSTOM_ARGUMENTS_JS_CHECK: fixed V8 memory flags, no input reaches them
  let window: BrowserWindow | null = null;
  const preload = join(import.meta.dirname, '../preload/index.cjs');
  const showConsole = () => {
    if (!window || window.isDestroyed()) window = createMainWindow(preload, { showWhenReady: true });
    else revealWindow(window);
  };

  app.on('second-instance', showConsole);
  app.on('activate', showConsole);
  // The tray keeps ClinicSync running with no window open.
  app.on('window-all-closed', () => undefined);

  void app
    .whenReady()
    .then(async () => {
      const { service, state, log } = await openDesktopService({ userData: app.getPath('userData'), version: app.getVersion() });
      serveAppProtocol(join(import.meta.dirname, '../renderer'));
      registerContractIpc(
        ipcMain,
        serveContract(service, 'electron', (err) => log.error('Internal error', err)),
        APP_ORIGIN,
      );
      bindEvents(service, (event, payload) => window?.webContents.send(IPC_EVENT, event, payload));
      window = createMainWindow(preload, { showWhenReady: !startedAtLogin(process.argv) });
      const desktop = startElectronDesktop({
        port: desktopPortFor(service),
        resourcesDir: app.isPackaged ? process.resourcesPath : join(import.meta.dirname, '../../resources'),
        state,
        window: () => window,
        showConsole,
        log: (line) => log.write('info', line),
        testHooks: process.env.CLINICSYNC_TEST_HOOKS === '1',
      });
      desktop.attachWindow(window);
      app.on('browser-window-created', (_event, created) => desktop.attachWindow(created));
      service.schedule.start();
      void service.watchHub();
      powerMonitor.on('resume', () => service.schedule.wake());
      app.once('before-quit', (event) => {
        // Let running syncs record how they ended before the process goes.
        event.preventDefault();
        desktop.dispose();
        void service.close().finally(() => app.exit(0));
      });
    })
    .catch((err: unknown) => {
      dialog.showErrorBox('ClinicSync could not start', err instanceof Error ? err.message : describeError(err));
      app.exit(1);
    });
}
