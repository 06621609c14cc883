import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startClinikoEmulator, type ClinikoControl, type RunningEmulator } from '../../electron/emulators';
import { deskEnv } from '../integration/hub/cli-desks';
import { startPgCluster, type PgCluster } from '../integration/hub/pg-cluster';
import { runCli, startCli, type CliResult } from '../support/run-cli';
import { startConsoleServer, type ConsoleServer } from './support/console-server';
import { axeFindings, collectErrors, goTo, screenshot } from './support/console-ui';

/**
 * Settings → "Share with other desks" on a real PostgreSQL cluster: the console (the front desk)
 * creates the clinic hub, shows the join code once with a copy button, and its status card follows a
 * second desk (the real CLI, in a process of its own) that joins with the copied code and pulls.
 */
let cluster: PgCluster;
let emulator: RunningEmulator<ClinikoControl>;
let server: ConsoleServer;
let page: Page;
let root: string;
let hubUrl: string;
let joinCode = '';
let backOffice: { child: ReturnType<typeof startCli>['child']; result: Promise<CliResult> } | null = null;
/** The back office desk's environment (its cache key is drawn once, so it is kept for the later tests). */
let backOfficeDesk: NodeJS.ProcessEnv = {};

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  cluster = await startPgCluster();
  await cluster.createDatabase('clinic');
  hubUrl = cluster.urlWithoutPassword('clinic');
  emulator = await startClinikoEmulator({ patients: 120, seed: 11, latencyMs: { min: 1, max: 2 } });
  root = mkdtempSync(path.join(tmpdir(), 'clinicsync-e2e-hub-'));
  server = await startConsoleServer({ CLINICSYNC_DESK_NAME: 'Front desk' });
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  page = await context.newPage();
  await page.goto(server.url);
  await goTo(page, 'Settings');
});

test.afterAll(async () => {
  backOffice?.child.kill('SIGKILL');
  await backOffice?.result;
  await page?.context().close();
  await server?.stop();
  await emulator?.close();
  await cluster?.destroy();
  if (root) rmSync(root, { recursive: true, force: true });
});

const share = () => page.getByRole('region', { name: 'Share with other desks' });

test('create the clinic hub: the join code is shown once, with a copy button', async () => {
  const errors = collectErrors(page);
  await share().getByLabel('What to do').selectOption('create');
  await share()
    .getByLabel(/^Database address/)
    .fill(hubUrl);
  await share()
    .getByLabel(/^Database password/)
    .fill(cluster.password);
  await share().getByRole('button', { name: 'Create hub' }).click();

  const code = share().getByTestId('hub-join-code');
  await expect(code).toHaveText(/^CSHUB1-[A-Z2-7-]+$/, { timeout: 20_000 });
  joinCode = (await code.textContent()) ?? '';
  await share().getByRole('button', { name: 'Copy the join code' }).click();
  await expect(share().getByRole('button', { name: 'Copy the join code' })).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(joinCode);

  const status = share().getByTestId('hub-status');
  await expect(status).toContainText('Connected');
  await expect(status.getByRole('list', { name: 'Desks' })).toContainText('Front desk (this desk) — last contact');
  await expect(status).toContainText(/0 records behind the hub \(\d+ s\)\. 0 local changes waiting to be shared\./);
  await expect(page.getByTestId('hub-badge')).toHaveText('Shared · 1 desk');
  // The password never reaches the page again, nor the settings form.
  await expect(page.getByText(cluster.password)).toHaveCount(0);
  expect(await axeFindings(page)).toEqual([]);
  await share().scrollIntoViewIfNeeded();
  await screenshot(page, 'settings-hub-created');

  // Shown once: leaving the page forgets it.
  await goTo(page, 'About');
  await goTo(page, 'Settings');
  await expect(share().getByTestId('hub-status')).toBeVisible();
  await expect(share().getByTestId('hub-join-code')).toHaveCount(0);
  await expect(page.getByText(joinCode)).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a second desk joins with the copied code and pulls: the status card shows both desks, the lag and who pulls', async () => {
  // The back office, a real `clinicsync` of its own, with a source of its own to pull.
  const desk = { ...deskEnv(root, 'back-office'), CLINICSYNC_DESK_NAME: 'Back office' };
  backOfficeDesk = desk;
  const added = await runCli(['source', 'add', '--kind', 'cliniko', '--name', 'Southside', '--base-url', emulator.url], {
    ...desk,
    CLINICSYNC_API_KEY: emulator.apiKey,
  });
  expect(added.code, added.stderr).toBe(0);
  const joined = await runCli(['hub', 'join', '--url', hubUrl], { ...desk, CLINICSYNC_HUB_KEY: joinCode, PGPASSWORD: cluster.password });
  expect(joined.code, joined.stderr).toBe(0);
  // Its sync holds Southside's lease; it is held still while it publishes (a named pause point) so
  // the card can be read while the back office pulls.
  const paused = path.join(root, 'back-office.paused');
  backOffice = startCli(['sync'], { ...desk, CLINICSYNC_PAUSE_AT: 'hub-publish:before-commit', CLINICSYNC_PAUSE_FILE: paused });
  await expect.poll(() => existsSync(paused), { timeout: 30_000 }).toBe(true);

  await goTo(page, 'About');
  await goTo(page, 'Settings');
  const status = share().getByTestId('hub-status');
  await expect(status.getByRole('list', { name: 'Desks' }).getByRole('listitem')).toHaveCount(2);
  await expect(status.getByRole('list', { name: 'Desks' })).toContainText('Back office — last contact');
  await expect(status.getByRole('list', { name: 'Who pulls each source' })).toHaveText('Southside: pulled by Back office');
  await expect(status).toContainText(/\d+ records behind the hub \(\d+ s\)\./);
  await expect(page.getByTestId('hub-badge')).toHaveText('Shared · 2 desks');
  expect(await axeFindings(page)).toEqual([]);
  await share().scrollIntoViewIfNeeded();
  await screenshot(page, 'settings-hub-two-desks');
});

test('the front desk follows Southside without its API key: said calmly, no "no API key" alarm, and no test it would fail', async () => {
  // The back office, killed mid-publish (nothing reached the hub), syncs again and publishes.
  backOffice?.child.kill('SIGKILL');
  await backOffice?.result;
  backOffice = null;
  const synced = await runCli(['sync'], backOfficeDesk);
  expect(synced.code, synced.stderr).toBe(0);

  // The front desk applies it as it arrives (the hub wakes it) and shows Southside, followed.
  const card = page.getByTestId('source-card').filter({ hasText: 'Southside' });
  await expect(card).toBeVisible({ timeout: 30_000 });
  await expect(card).toContainText('Kept up to date from the clinic hub by Back office');
  await expect(card).toContainText('Not needed on this desk');
  await expect(card).not.toContainText(/no API key|Cannot sync/i);
  await expect(card.getByRole('button', { name: 'Test connection' })).toHaveCount(0);
  await expect(page.getByTestId('freshness')).not.toContainText(/no API key|Cannot sync/i);
  // What it offers instead brings it from the hub (no request to Southside's API from this desk).
  await card.getByRole('button', { name: 'Update from hub' }).click();
  // It says what it brought (nothing new: the hub had woken this desk already), not silence.
  await expect(page.getByTestId('hub-update-text')).toHaveText(
    /^Southside is up to date with the clinic hub · (nothing new from the other desks|[\d,]+ records? from the other desks applied)$/,
  );
  expect(await axeFindings(page)).toEqual([]);
  await card.scrollIntoViewIfNeeded();
  await screenshot(page, 'settings-followed-source');
  await page.getByRole('button', { name: 'Dismiss the clinic hub update' }).click();
  await expect(page.getByTestId('hub-update-text')).toHaveCount(0);
});
