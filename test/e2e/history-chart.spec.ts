/**
 * Issue 13 "Size": the History chart's library is not part of the console's first page; it loads when
 * History first draws the chart, which then appears as before.
 */
import { expect, test } from '@playwright/test';
import { startClinikoEmulator, type ClinikoControl, type RunningEmulator } from '../../electron/emulators';
import { startConsoleServer, type ConsoleServer } from './support/console-server';
import { connectContract } from './support/contract-client';
import { collectErrors, goTo } from './support/console-ui';

let server: ConsoleServer;
let emulator: RunningEmulator<ClinikoControl>;

test.beforeAll(async () => {
  emulator = await startClinikoEmulator({ patients: 30, seed: 3, latencyMs: { min: 0, max: 5 } });
  server = await startConsoleServer({ TZ: 'Australia/Melbourne' });
  const client = await connectContract(server.url);
  try {
    await client.call('sources:add', { kind: 'cliniko', name: 'Eastside Clinic', apiKey: emulator.apiKey, baseUrl: emulator.url });
    // Two runs: the chart draws from two points on.
    for (const mode of ['full', 'incremental'] as const) {
      await client.call('sync:start', { mode });
      await expect.poll(async () => (await client.call('sync:status', {})).active.length, { timeout: 60_000 }).toBe(0);
    }
  } finally {
    client.close();
  }
});

test.afterAll(async () => {
  await server.stop();
  await emulator.close();
});

test('the roster opens without the chart’s code, and History draws the chart once it has loaded it', async ({ page }) => {
  const errors = collectErrors(page);
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
  });
  await page.goto(`${server.url}#/roster`);
  await expect(page.getByTestId('roster-row').first()).toBeVisible({ timeout: 15_000 });
  expect(scripts.some((path) => path.includes('RunChartDrawing'))).toBe(false);

  await goTo(page, 'History');
  const chart = page.locator('.hist-chart');
  await expect(chart.getByText('Duration and records over time')).toBeVisible({ timeout: 15_000 });
  await expect(chart.locator('.hist-chart-frame svg.recharts-surface')).toBeVisible({ timeout: 15_000 });
  await expect(chart.locator('.recharts-bar-rectangle').first()).toBeVisible();
  expect(scripts.filter((path) => path.includes('RunChartDrawing'))).toHaveLength(1);
  expect(errors).toEqual([]);
});
