/**
 * Progress you can trust and refresh where staff are (issue 13 §5, §6): "Sync now" on the Roster, the
 * finished run's summary on whatever page staff moved to, one Cancel per run, and the scheduler's
 * state with pause and resume on the Sync page — the real console in Chromium against emulated Cliniko.
 */
import { expect, test, type Page } from '@playwright/test';
import { startClinikoEmulator, type ClinikoControl, type RunningEmulator } from '../../electron/emulators';
import { startConsoleServer, type ConsoleServer } from './support/console-server';
import { connectContract, type ContractClient } from './support/contract-client';
import { checkBothThemes, collectErrors, goTo, screenshot, setScheme } from './support/console-ui';

// Each test syncs and checks four screens (two themes, two widths) with axe: more than the default minute on a shared machine.
test.describe.configure({ mode: 'serial', timeout: 180_000 });

const PATIENTS = 150;
const WIDTHS = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
] as const;

let cliniko: RunningEmulator<ClinikoControl>;
let server: ConsoleServer;
let client: ContractClient;
let page: Page;
let errors: string[];

test.beforeAll(async ({ browser }) => {
  // Slow enough answers that a run lasts several seconds: long enough to watch, switch pages and cancel.
  cliniko = await startClinikoEmulator({ patients: PATIENTS, seed: 11, latencyMs: { min: 900, max: 1000 } });
  server = await startConsoleServer({ TZ: 'Australia/Melbourne' });
  client = await connectContract(server.url);
  await client.call('settings:update', { patch: { contactEmail: 'e2e@clinic.example' } });
  await client.call('sources:add', { kind: 'cliniko', name: 'Northside Physio', apiKey: cliniko.apiKey, baseUrl: cliniko.url });
  page = await (await browser.newContext({ viewport: WIDTHS[0] })).newPage();
  errors = collectErrors(page);
  await page.goto(server.url);
});

test.afterAll(async () => {
  await page?.context().close();
  client?.close();
  await server?.stop();
  await cliniko?.close();
});

const strip = () => page.getByTestId('roster-sync');
const banner = () => page.getByTestId('finished-run');

test('Sync now on the Roster; the summary follows staff to another page', async () => {
  await expect(page.getByRole('heading', { level: 1, name: 'Roster' })).toBeVisible();
  await expect(strip()).toContainText('Never synced');
  await expect(page.getByTestId('roster-next-run')).toContainText(/^Next sync \d\d:\d\d (today|tomorrow)$/);

  await strip().getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByTestId('roster-freshness')).toContainText('Syncing now');
  // The header pill shows the core's whole-run percentage while the sync runs.
  await expect(page.getByTestId('sync-pill-percent')).toHaveText(/^ \d{1,3}%$/);

  // Staff move on before it ends: the summary finds them on History.
  await goTo(page, 'History');
  await expect(banner()).toBeVisible({ timeout: 45_000 });
  await expect(banner()).toHaveAttribute('data-status', 'completed');
  await expect(page.getByTestId('finished-run-text')).toHaveText(
    new RegExp(`^Synced Northside Physio · ${PATIENTS} patients \\(${PATIENTS} new\\) · \\d+ appointments \\(\\d+ new`),
  );
  for (const size of WIDTHS) {
    await page.setViewportSize(size);
    await checkBothThemes(page, `finished-run-banner-${size.width}`);
  }
  await page.setViewportSize(WIDTHS[0]);

  // The Roster says how fresh it is now, and the summary can be put away from any page.
  await goTo(page, 'Roster');
  await expect(page.getByTestId('roster-freshness')).toHaveText(/^Appointments current as of \d\d:\d\d today$/);
  for (const size of WIDTHS) {
    await page.setViewportSize(size);
    await page.mouse.move(0, 0);
    await checkBothThemes(page, `roster-sync-strip-${size.width}`);
  }
  await page.setViewportSize(WIDTHS[0]);
  await page.getByRole('button', { name: 'Dismiss the summary for Northside Physio' }).click();
  await expect(banner()).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a running sync has one Cancel, and its end says it was cancelled, on any page', async () => {
  await goTo(page, 'Sync');
  // A full sync reads every patient again: long enough to cancel half-way.
  await page.getByText('Advanced: single operations').click();
  await page.getByRole('button', { name: 'Run full sync' }).click();
  const row = page.getByTestId('sync-progress-row');
  await expect(row).toBeVisible();
  await expect(page.getByRole('button', { name: /cancel/i })).toHaveCount(1);
  // Once the run is under way its row gives the time left for the whole run.
  await expect(page.getByTestId('sync-eta')).toHaveText(/^About (\d+(\.\d)? s|\d+ min( \d+ s)?) left$/, { timeout: 20_000 });
  // Pictures only while it runs (axe checks this page in test 3): the run must still be going to cancel it.
  for (const size of WIDTHS) {
    await page.setViewportSize(size);
    for (const scheme of ['light', 'dark'] as const) {
      await setScheme(page, scheme);
      await screenshot(page, `sync-one-cancel-${size.width}-${scheme}`);
    }
  }
  await setScheme(page, 'light');
  await page.setViewportSize(WIDTHS[0]);

  await row.getByRole('button', { name: 'Cancel the sync of Northside Physio' }).click();
  await expect(page.getByTestId('sync-summary')).toHaveAttribute('data-status', 'cancelled', { timeout: 30_000 });
  await goTo(page, 'Changes');
  await expect(banner()).toHaveAttribute('data-status', 'cancelled');
  await expect(page.getByTestId('finished-run-text')).toHaveText('Sync of Northside Physio cancelled · what was fetched before is kept');
  await expect(page.getByTestId('finished-run-text')).not.toContainText('Synced');
  expect(errors).toEqual([]);
});

test('the Sync page shows the scheduler, its next run, and pauses and resumes it', async () => {
  await goTo(page, 'Sync');
  const scheduler = page.getByRole('region', { name: 'Automatic syncs' }).getByTestId('schedule-status');
  await expect(scheduler).toContainText('Active');
  await expect(scheduler).toContainText(/Next sync: (today|tomorrow) at \d\d:\d\d\./);

  await scheduler.getByRole('button', { name: 'Pause schedule' }).click();
  await expect(scheduler).toContainText('Paused');
  await expect(scheduler).toContainText('Scheduled syncs are paused.');
  // The Roster says so too: the same scheduler, one store.
  await goTo(page, 'Roster');
  await expect(page.getByTestId('roster-next-run')).toHaveText('No automatic sync while paused');
  await goTo(page, 'Sync');
  for (const size of WIDTHS) {
    await page.setViewportSize(size);
    await checkBothThemes(page, `sync-scheduler-paused-${size.width}`, undefined, { full: true });
  }
  await page.setViewportSize(WIDTHS[0]);

  await scheduler.getByRole('button', { name: 'Resume schedule' }).click();
  await expect(scheduler).toContainText('Active');
  await expect(scheduler).toContainText('Next sync: ');
  const settings = (await client.call('settings:get', {})) as { schedule: { enabled: boolean } };
  expect(settings.schedule.enabled).toBe(true);
  expect(errors).toEqual([]);
});
