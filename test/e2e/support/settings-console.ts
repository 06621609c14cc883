import type { Browser, Page } from '@playwright/test';
import { startClinikoEmulator, type ClinikoControl, type EmulatorOptions, type RunningEmulator } from '../../../electron/emulators';
import { startConsoleServer, type ConsoleServer } from './console-server';
import { goTo } from './console-ui';

export interface SettingsConsole {
  server: ConsoleServer;
  emulator: RunningEmulator<ClinikoControl>;
  page: Page;
}

/**
 * A Cliniko practice to connect, the console on a computer in `timeZone`, and a page open on Settings
 * (`onPage` sees the page before it loads, e.g. to watch its WebSocket).
 */
export async function openSettingsConsole(
  browser: Browser,
  practice: EmulatorOptions,
  timeZone: string,
  onPage?: (page: Page) => void,
): Promise<SettingsConsole> {
  const emulator = await startClinikoEmulator(practice);
  const server = await startConsoleServer({ TZ: timeZone });
  const page = await (await browser.newContext()).newPage();
  onPage?.(page);
  await page.goto(server.url);
  await goTo(page, 'Settings');
  return { server, emulator, page };
}

export async function closeSettingsConsole(opened: Partial<SettingsConsole>): Promise<void> {
  await opened.page?.context().close();
  await opened.server?.stop();
  await opened.emulator?.close();
}
