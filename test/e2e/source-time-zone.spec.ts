/**
 * Issue 13 §4: on connect, the practice's own time zone (Cliniko's businesses report it) is offered as
 * the clinic's with one confirmation. The console runs on a UTC computer, the practice is in Perth.
 */
import { expect, test, type Page } from '@playwright/test';
import type { ClinikoControl, RunningEmulator } from '../../electron/emulators';
import { type ConsoleServer } from './support/console-server';
import { closeSettingsConsole, openSettingsConsole } from './support/settings-console';
import { connectContract } from './support/contract-client';
import { checkBothThemes, collectErrors } from './support/console-ui';

const PRACTICE_ZONE = 'Australia/Perth';

let server: ConsoleServer;
let emulator: RunningEmulator<ClinikoControl>;
let page: Page;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  ({ server, emulator, page } = await openSettingsConsole(
    browser,
    { patients: 20, seed: 5, latencyMs: { min: 0, max: 5 }, timeZone: PRACTICE_ZONE },
    'UTC',
  ));
});

test.afterAll(() => closeSettingsConsole({ server, emulator, page }));

const dialog = () => page.getByRole('dialog');

async function clinicZone(): Promise<string> {
  const client = await connectContract(server.url);
  try {
    return (await client.call('settings:get', {})).schedule.timeZone;
  } finally {
    client.close();
  }
}

async function testKey(): Promise<void> {
  await page.getByRole('button', { name: 'Add source' }).click();
  await dialog().getByTestId('api-key-input').fill(emulator.apiKey);
  await dialog().getByTestId('base-url-input').fill(emulator.url);
  await dialog().getByRole('button', { name: 'Test connection' }).click();
  await expect(dialog().getByTestId('connection-result')).toBeVisible({ timeout: 15_000 });
}

const question = `This practice is in ${PRACTICE_ZONE}. Use it as the clinic’s time zone?`;

test('“Keep” leaves the clinic’s zone as it was', async () => {
  await testKey();
  await expect(dialog().getByText(question)).toBeVisible();
  await expect(dialog().getByTestId('time-zone-proposal')).toHaveText('Appointment times show in the clinic’s time zone, now UTC.');
  await dialog().getByRole('button', { name: 'Keep UTC' }).click();
  await expect(dialog().getByText(question)).toBeHidden();
  expect(await clinicZone()).toBe('UTC');
  await dialog().getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog()).toBeHidden();
});

test('“Use it” makes the practice’s zone the clinic’s, once', async () => {
  const errors = collectErrors(page);
  await testKey();
  await expect(dialog().getByText(question)).toBeVisible();
  await checkBothThemes(page, 'settings-time-zone-proposal');
  await dialog().getByRole('button', { name: 'Use it' }).click();
  await expect(dialog().getByText(`The clinic’s time zone is now ${PRACTICE_ZONE}`)).toBeVisible();
  expect(await clinicZone()).toBe(PRACTICE_ZONE);

  // Saved with the source as usual; the Schedule's time zone field now shows the practice's zone.
  await dialog().getByRole('button', { name: 'Add source' }).click();
  await expect(dialog()).toBeHidden();
  await expect(page.getByTestId('time-zone-input')).toHaveValue(PRACTICE_ZONE);

  // Asked once: testing a key of the same practice again asks nothing.
  await testKey();
  await expect(dialog().getByText(question)).toBeHidden();
  await dialog().getByRole('button', { name: 'Cancel' }).click();
  expect(errors).toEqual([]);
});
