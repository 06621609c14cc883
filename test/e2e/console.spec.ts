import { expect, test } from '@playwright/test';
import WebSocket from 'ws';
import { socketProtocols } from '../../electron/contract';
import { startConsoleServer, type ConsoleServer } from './support/console-server';
import { consoleToken } from './support/contract-client';

let server: ConsoleServer;

test.beforeAll(async () => {
  server = await startConsoleServer();
});

test.afterAll(async () => {
  await server.stop();
});

test('the browser console loads and shows what is running', async ({ page }, testInfo) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });

  await page.goto(server.url);
  // A new installation opens on the first-run page; About is one link away.
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to ClinicSync' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'About' }).click();
  await expect(page.getByRole('heading', { name: 'About this console' })).toBeVisible();
  await expect(page.getByTestId('app-runtime')).toHaveText('Browser console');
  await expect(page.getByTestId('app-data-dir')).toHaveText(server.dataDir);
  // What support asks for: the log folder, and a bundle made right here.
  await expect(page.getByTestId('app-log-dir')).toHaveText(`${server.dataDir}/logs`);
  await page.getByRole('button', { name: 'Create support bundle' }).click();
  await expect(page.getByTestId('bundle-path')).toContainText(server.dataDir);
  await expect(page.getByTestId('app-version')).toHaveText(/^\d+\.\d+\.\d+$/);
  // The token travelled in the fragment (never sent to the server) and is gone from the address bar.
  expect(new URL(server.url).hash).toMatch(/^#token=/);
  expect(page.url()).not.toContain('token');
  // A reload finds it in this tab's session storage.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'About this console' })).toBeVisible();
  expect(page.url()).not.toContain('token');
  expect(errors).toEqual([]);

  await page.screenshot({ path: testInfo.outputPath('console-about.png'), fullPage: true });
});

test('the console says which link to open when it has no token, or one from an earlier launch', async ({ page }) => {
  await page.goto(`${server.origin}/`);
  await expect(page.getByText('missing its access token')).toBeVisible();
  await page.goto(`${server.origin}/index.html#token=${'x'.repeat(32)}`);
  await expect(page.getByText('missing its access token')).toBeVisible();
});

test('an old link with ?token= still opens the console, and the token moves out of the address bar', async ({ page }) => {
  await page.goto(`${server.origin}/?token=${consoleToken(server.url)}#/about`);
  await expect(page.getByRole('heading', { name: 'About this console' })).toBeVisible();
  expect(page.url()).toBe(`${server.origin}/#/about`);
});

test('another website cannot reach the console’s socket, even with the console’s token', async () => {
  const status = await new Promise<number>((resolve) => {
    const socket = new WebSocket(`${server.origin.replace('http', 'ws')}/ws`, socketProtocols(consoleToken(server.url)), {
      origin: 'https://evil.example',
    });
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.once('open', () => resolve(101));
  });
  expect(status).toBe(403);
});
