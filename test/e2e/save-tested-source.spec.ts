import { expect, test, type Page } from '@playwright/test';
import { startClinikoEmulator, type ClinikoControl, type RunningEmulator } from '../../electron/emulators';
import { type ConsoleServer } from './support/console-server';
import { closeSettingsConsole, openSettingsConsole } from './support/settings-console';
import { axeFindings, collectErrors, goTo } from './support/console-ui';
import { connectContract } from './support/contract-client';

/**
 * Issue 13 §3: "Add source" tests the connection before saving; a failing source is saved only by an
 * explicit "Save anyway"; a slow test can be cancelled at once; a new source that answered starts its
 * first sync, whose progress and summary are in view.
 */
let server: ConsoleServer;
let emulator: RunningEmulator<ClinikoControl>;
let page: Page;
/** What the console's WebSocket delivered to the page, in order. */
const frames: string[] = [];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  // Pages slow enough that the first sync's progress can be seen on the new source's card; the
  // emulator's practice zone on the computer, so connecting asks no time-zone question.
  ({ server, emulator, page } = await openSettingsConsole(
    browser,
    { patients: 300, seed: 11, latencyMs: { min: 300, max: 300 } },
    'Australia/Melbourne',
    (opened) => opened.on('websocket', (ws) => ws.on('framereceived', ({ payload }) => frames.push(String(payload)))),
  ));
});

test.afterAll(() => closeSettingsConsole({ server, emulator, page }));

const dialog = () => page.getByRole('dialog');

async function savedSources(): Promise<Array<{ name: string; baseUrl: string | null }>> {
  const client = await connectContract(server.url);
  try {
    return (await client.call('sources:list', {})).map(({ name, baseUrl }) => ({ name, baseUrl }));
  } finally {
    client.close();
  }
}

async function savedSourceNames(): Promise<string[]> {
  return (await savedSources()).map((source) => source.name);
}

async function openAddDialog(name: string, apiKey: string): Promise<void> {
  await page.getByRole('button', { name: 'Add source' }).first().click();
  await dialog().getByRole('textbox', { name: /^Name/ }).fill(name);
  await dialog().getByTestId('api-key-input').fill(apiKey);
  await dialog().getByTestId('base-url-input').fill(emulator.url);
}

test('Cancel during a slow test returns the form at once, and the late answer changes nothing', async () => {
  const errors = collectErrors(page);
  emulator.setFaults({ slowRate: 1, slowMs: 4_000 });
  const seen = frames.length;
  await openAddDialog('Slow Clinic', emulator.apiKey);
  await dialog().getByRole('button', { name: 'Add source' }).click();
  await expect(dialog().getByTestId('connection-testing')).toHaveText(/Testing the connection/);
  await expect(dialog().getByRole('button', { name: 'Add source' })).toBeDisabled();
  emulator.setFaults({});

  await dialog().getByRole('button', { name: 'Cancel test' }).click();
  await expect(dialog().getByRole('button', { name: 'Test connection' })).toBeEnabled();
  // "At once": the form is idle before the slowed test has even answered.
  expect(frames.slice(seen).some((frame) => frame.includes('"userName"'))).toBe(false);
  await expect(dialog().getByTestId('connection-testing')).toHaveCount(0);
  await expect(dialog().getByRole('button', { name: 'Add source' })).toBeEnabled();

  // The cancelled test answers "works" later: the form must neither show it nor go on to save.
  // Its answer reaches the page over the console's WebSocket: wait for that frame, not for a guessed time.
  await expect.poll(() => frames.slice(seen).some((frame) => frame.includes('"userName"')), { timeout: 20_000 }).toBe(true);
  await expect(dialog().getByTestId('connection-result')).toHaveCount(0);
  await expect(dialog()).toBeVisible();
  expect(await savedSourceNames()).toEqual([]);
  await dialog().getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog()).toBeHidden();
  expect(errors).toEqual([]);
});

test('a rejected key: Add source shows the failure and offers "Save anyway", saving nothing by itself', async () => {
  await openAddDialog('Wrong Key Clinic', 'MS0xLXdyb25na2V5LXdyb25na2V5-au1');
  await dialog().getByRole('button', { name: 'Add source' }).click();
  await expect(dialog().getByText('The API key was rejected')).toBeVisible({ timeout: 15_000 });
  await expect(dialog().getByTestId('connection-error')).toContainText('Check that the whole key was copied');
  await expect(dialog().getByRole('button', { name: 'Save anyway' })).toBeVisible();
  await expect(dialog().getByTestId('save-anyway-hint')).toContainText('Not saved yet');
  expect(await axeFindings(page)).toEqual([]);
  expect(await savedSourceNames()).toEqual([]);
  await expect(page.getByTestId('source-card')).toHaveCount(0);

  // Pressing "Add source" again tests again; it never saves a failing key silently.
  await dialog().getByRole('button', { name: 'Add source' }).click();
  await expect(dialog().getByText('The API key was rejected')).toBeVisible({ timeout: 15_000 });
  expect(await savedSourceNames()).toEqual([]);

  // Fixing the key hides the offer: it belonged to the failed key.
  await dialog().getByTestId('api-key-input').fill(emulator.apiKey);
  await expect(dialog().getByRole('button', { name: 'Save anyway' })).toHaveCount(0);
  await dialog().getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog()).toBeHidden();
});

test('a working key: Add source tests, saves, and the first sync runs with its progress and summary in view', async () => {
  const errors = collectErrors(page);
  const userRequests = emulator.stats().byPath['/v1/user'] ?? 0;
  await openAddDialog('Northside Clinic', emulator.apiKey);
  await dialog().getByRole('button', { name: 'Add source' }).click();
  await expect(dialog()).toBeHidden({ timeout: 15_000 });
  // Tested before it was saved: the key's user was asked for.
  expect(emulator.stats().byPath['/v1/user'] ?? 0).toBeGreaterThan(userRequests);
  expect(await savedSourceNames()).toEqual(['Northside Clinic']);

  // No "Sync now" needed: the new card shows its first sync under way, then how it ended.
  const card = page.getByTestId('source-card').filter({ hasText: 'Northside Clinic' });
  await expect(card.getByRole('progressbar', { name: 'Northside Clinic sync progress' })).toBeVisible();
  await expect(page.getByTestId('finished-run-text')).toContainText('Northside Clinic', { timeout: 45_000 });
  await expect(page.getByTestId('finished-run')).toHaveAttribute('data-status', 'completed');
  await expect(card.getByTestId('patients-cached')).toContainText('300');
  await goTo(page, 'Roster');
  await expect(page.getByTestId('roster-summary')).toContainText('300 patients');
  expect(errors).toEqual([]);
});

test('"Save anyway" keeps a source whose test failed, and starts no sync for it', async () => {
  await goTo(page, 'Settings');
  await openAddDialog('Wrong Key Clinic', 'MS0xLXdyb25na2V5LXdyb25na2V5-au1');
  await dialog().getByRole('button', { name: 'Add source' }).click();
  await expect(dialog().getByText('The API key was rejected')).toBeVisible({ timeout: 15_000 });
  await dialog().getByRole('button', { name: 'Save anyway' }).click();
  await expect(dialog()).toBeHidden();
  expect((await savedSourceNames()).sort()).toEqual(['Northside Clinic', 'Wrong Key Clinic']);
  const card = page.getByTestId('source-card').filter({ hasText: 'Wrong Key Clinic' });
  await expect(card).toContainText('Never synced');
  await expect(card.getByRole('progressbar', { name: 'Wrong Key Clinic sync progress' })).toHaveCount(0);
  await expect(page.getByTestId('sync-progress-row')).toHaveCount(0);
});

test('"Save changes" to a new address tests the stored key there first, and keeps the old address when it fails', async () => {
  // Another practice: the stored key is not valid there.
  const other = await startClinikoEmulator({ patients: 10, seed: 12, latencyMs: { min: 0, max: 0 } });
  try {
    const card = page.getByTestId('source-card').filter({ hasText: 'Northside Clinic' });
    await card.getByRole('button', { name: 'Edit Northside Clinic' }).click();
    await dialog().getByTestId('base-url-input').fill(other.url);
    await dialog().getByRole('button', { name: 'Save changes' }).click();
    await expect(dialog().getByText('The API key was rejected')).toBeVisible({ timeout: 15_000 });
    await expect(dialog().getByRole('button', { name: 'Save anyway' })).toBeVisible();
    expect((await savedSources()).find((source) => source.name === 'Northside Clinic')?.baseUrl).toBe(emulator.url);

    // Back to the stored address: nothing reaches the source anew, so the name change saves at once.
    await dialog().getByTestId('base-url-input').fill(emulator.url);
    await dialog().getByRole('textbox', { name: /^Name/ }).fill('Northside');
    await dialog().getByRole('button', { name: 'Save changes' }).click();
    await expect(dialog()).toBeHidden();
    expect(await savedSources()).toContainEqual({ name: 'Northside', baseUrl: emulator.url });
  } finally {
    await other.close();
  }
});
