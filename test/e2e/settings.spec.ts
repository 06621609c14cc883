import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startIntakeqEmulator, type ClinikoControl, type IntakeqControl, type RunningEmulator } from '../../electron/emulators';
import { type ConsoleServer } from './support/console-server';
import { closeSettingsConsole, openSettingsConsole } from './support/settings-console';
import { axeFindings, checkBothThemes, collectErrors, goTo, screenshot } from './support/console-ui';

let server: ConsoleServer;
let emulator: RunningEmulator<ClinikoControl>;
let page: Page;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  // Slow enough that the roster can be seen filling during the sync: pages of 100 patients, 800 ms each,
  // fetched several at a time, so the appointments still take a few rounds after the patients are in
  // (the roster refreshes at most once a second while a sync writes).
  ({ server, emulator, page } = await openSettingsConsole(
    browser,
    { patients: 600, seed: 7, latencyMs: { min: 800, max: 800 } },
    'Australia/Melbourne',
  ));
});

test.afterAll(() => closeSettingsConsole({ server, emulator, page }));

const dialog = () => page.getByRole('dialog');

test('a bad key gets a clear message before anything is saved', async () => {
  await page.getByRole('button', { name: 'Add source' }).click();
  await expect(dialog()).toBeVisible();
  await expect(dialog().getByRole('heading', { name: 'Connect Cliniko' })).toBeVisible();
  // The dialog starts in its first field.
  await expect(dialog().getByRole('textbox', { name: /^Name/ })).toBeFocused();

  // Test with nothing entered: the key field says what is missing.
  await dialog().getByRole('button', { name: 'Test connection' }).click();
  await expect(dialog().getByText('Enter the API key to test it.')).toBeVisible();
  await expect(dialog().getByLabel(/^API key/)).toHaveAttribute('aria-invalid', 'true');

  await dialog().getByTestId('api-key-input').fill('MS0xLXdyb25na2V5LXdyb25na2V5-au1');
  await dialog().getByTestId('base-url-input').fill(emulator.url);
  // The key is masked until the user asks to see it.
  await expect(dialog().getByTestId('api-key-input')).toHaveAttribute('type', 'password');
  await dialog().getByRole('button', { name: 'Show the API key' }).click();
  await expect(dialog().getByTestId('api-key-input')).toHaveAttribute('type', 'text');
  await dialog().getByRole('button', { name: 'Hide the API key' }).click();

  await dialog().getByRole('button', { name: 'Test connection' }).click();
  await expect(dialog().getByText('The API key was rejected')).toBeVisible({ timeout: 15_000 });
  await expect(dialog().getByTestId('connection-error')).toContainText('Check that the whole key was copied');
  expect(await axeFindings(page)).toEqual([]);
  await screenshot(page, 'settings-bad-key');
  await dialog().getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog()).toBeHidden();
  await expect(page.getByTestId('source-card')).toHaveCount(0);
});

test('add a source: test the connection, save it, and see its status card', async () => {
  const errors = collectErrors(page);
  await page.getByRole('button', { name: 'Add source' }).click();
  await dialog().getByRole('textbox', { name: /^Name/ }).fill('Northside Clinic');
  await dialog().getByTestId('api-key-input').fill(emulator.apiKey);
  await dialog().getByTestId('base-url-input').fill(emulator.url);
  await dialog().getByRole('button', { name: 'Test connection' }).click();
  const result = dialog().getByTestId('connection-result');
  await expect(result).toContainText(/Connected as .+ \(.+\) · region \w+ · \d+ ms/, { timeout: 15_000 });
  await checkBothThemes(page, 'settings-add-source');
  // A name too long is refused with a message, never cut short without a word.
  const nameField = dialog().getByRole('textbox', { name: /^Name/ });
  await nameField.fill('N'.repeat(500));
  await dialog().getByRole('button', { name: 'Add source' }).click();
  await expect(dialog().getByText('Name can be at most 80 characters.')).toBeVisible();
  await expect(nameField).toHaveValue('N'.repeat(500));
  await expect(page.getByTestId('source-card')).toHaveCount(0);
  // Watch the roster's counters from before the save: a new source starts its first sync at once.
  await page.evaluate(() => {
    const w = window as unknown as { __counts: string[]; __rowWords: Set<string> };
    w.__counts = [];
    w.__rowWords = new Set();
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid=roster-summary] strong')?.textContent;
      if (text && w.__counts.at(-1) !== text) w.__counts.push(text);
      // What rows say about appointments while the first sync is still running.
      if (document.querySelector('[data-testid=sync-pill]')) {
        for (const cell of document.querySelectorAll('.roster-row .muted')) w.__rowWords.add(cell.textContent ?? '');
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await nameField.fill('Northside Clinic');
  await dialog().getByRole('button', { name: 'Add source' }).click();
  await expect(dialog()).toBeHidden();

  // Saved, and its first sync under way on its card without a "Sync now".
  const card = page.getByTestId('source-card').filter({ hasText: 'Northside Clinic' });
  await expect(card).toBeVisible();
  await expect(card).toContainText('Cliniko');
  await expect(card.getByRole('progressbar', { name: 'Northside Clinic sync progress' })).toBeVisible();

  // The roster fills while that sync runs; its counters follow the sync live, not only at its end.
  await goTo(page, 'Roster');
  await expect(page.getByTestId('roster-summary')).toContainText('600 patients', { timeout: 45_000 });
  const counts = await page.evaluate(() => (window as unknown as { __counts: string[] }).__counts);
  expect(counts.at(-1)).toBe('600');
  expect(counts.length, `counters seen: ${counts.join(', ')}`).toBeGreaterThan(1);
  // Rows streamed in before the appointments were fetched never claimed "None booked".
  const rowWords = await page.evaluate(() => [...(window as unknown as { __rowWords: Set<string> }).__rowWords]);
  expect(rowWords).not.toContain('None booked');
  expect(rowWords).toContain('Appointments not synced yet');

  await goTo(page, 'Settings');
  // Test the saved source from its card: user, role, region and latency; credentials valid.
  await card.getByRole('button', { name: 'Test connection' }).click();
  await expect(card.getByTestId('connection-result')).toContainText(/Connected as .+ · region \w+ · \d+ ms/, { timeout: 15_000 });
  await expect(card).toContainText('Valid');
  await expect(card.getByTestId('patients-cached')).toContainText('600', { timeout: 20_000 });
  await expect(card).toContainText('Healthy', { timeout: 20_000 });
  await expect(card).toContainText('Completed');
  await expect(page.getByTestId('freshness')).toContainText('Appointments current as of');

  // A second source with the same name is refused beside the name field.
  await page.getByRole('button', { name: 'Add source' }).click();
  await dialog().getByRole('textbox', { name: /^Name/ }).fill('northside clinic');
  await dialog().getByTestId('api-key-input').fill(emulator.apiKey);
  await dialog().getByTestId('base-url-input').fill(emulator.url);
  await dialog().getByRole('button', { name: 'Add source' }).click();
  await expect(dialog().getByText('Already in use.')).toBeVisible();
  await dialog().getByRole('button', { name: 'Cancel' }).click();
  expect(errors).toEqual([]);
});

test('edit a source without retyping its key, and remove it keeping its records', async () => {
  const card = page.getByTestId('source-card').filter({ hasText: 'Northside Clinic' });
  await card.getByRole('button', { name: 'Edit Northside Clinic' }).click();
  await expect(dialog().getByTestId('api-key-input')).toHaveValue('');
  await dialog().getByRole('textbox', { name: /^Name/ }).fill('Northside Clinic (Cliniko)');
  await dialog().getByRole('button', { name: 'Save changes' }).click();
  await expect(dialog()).toBeHidden();
  const renamed = page.getByTestId('source-card').filter({ hasText: 'Northside Clinic (Cliniko)' });
  await expect(renamed).toBeVisible();
  await expect(renamed.getByRole('button', { name: 'Edit Northside Clinic (Cliniko)' })).toBeFocused();
  await checkBothThemes(page, 'settings', undefined, { full: true });

  await renamed.getByRole('button', { name: 'Remove Northside Clinic (Cliniko)' }).click();
  await expect(dialog().getByRole('heading', { name: 'Remove Northside Clinic (Cliniko)?' })).toBeVisible();
  await expect(dialog().getByRole('checkbox', { name: /Also delete/ })).not.toBeChecked();
  expect(await axeFindings(page)).toEqual([]);
  await dialog().getByRole('button', { name: 'Remove source' }).click();
  await expect(dialog()).toBeHidden();
  await expect(page.getByTestId('source-card')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'No sources yet' })).toBeVisible();
});

test('settings show each invalid field beside it, with the service’s message', async () => {
  const sync = page.getByRole('region', { name: 'Sync window' });
  await sync.getByTestId('days-back').fill('0');
  await sync.getByTestId('days-forward').fill('400');
  await sync.getByRole('button', { name: 'Save sync window' }).click();
  await expect(sync.getByText('Days back must be at least 1 day.')).toBeVisible();
  await expect(sync.getByText('Days forward can be at most 365 days.')).toBeVisible();
  await expect(sync.getByTestId('days-back')).toHaveAttribute('aria-invalid', 'true');
  await expect(sync.getByRole('status').filter({ hasText: 'Not saved' })).toContainText('2 fields need attention');
  await sync.getByTestId('days-back').fill('30');
  await sync.getByTestId('days-forward').fill('60');
  await sync.getByRole('radio', { name: 'Manual' }).check();
  await sync.getByRole('button', { name: 'Save sync window' }).click();
  await expect(sync.getByText('Saved.')).toBeVisible();
  await expect(sync.getByTestId('days-back')).not.toHaveAttribute('aria-invalid', 'true');

  const schedule = page.getByRole('region', { name: 'Schedule' });
  await schedule.getByRole('switch', { name: 'Sync at intervals during opening hours' }).click();
  // Times are 24-hour whatever the computer's locale ("03:00", never "03:00 AM"), typed loosely.
  await expect(schedule.getByTestId('nightly-time')).toHaveValue('03:00');
  await schedule.getByTestId('window-start').fill('1800');
  await schedule.getByTestId('window-start').press('Tab');
  await expect(schedule.getByTestId('window-start')).toHaveValue('18:00');
  await schedule.getByTestId('window-end').fill('08:00');
  await schedule.getByTestId('time-zone-input').fill('Mars/Olympus_Mons');
  await schedule.getByRole('button', { name: 'Save schedule' }).click();
  await expect(schedule.getByText('Interval window end must be later than its start.')).toBeVisible();
  await expect(schedule.getByText('Time zone must be a zone name like Australia/Melbourne.')).toBeVisible();
  await expect(schedule.getByTestId('window-end')).toHaveAttribute('aria-invalid', 'true');
  await checkBothThemes(page, 'settings-validation', async () => {
    await schedule.scrollIntoViewIfNeeded();
  });
  await schedule.getByTestId('window-end').fill('19:00');
  await schedule.getByTestId('time-zone-input').fill('Australia/Melbourne');
  await schedule.getByRole('button', { name: 'Save schedule' }).click();
  await expect(schedule.getByText('Saved.')).toBeVisible();
  await expect(schedule.getByTestId('schedule-status')).toContainText('Australia/Melbourne');

  const contact = page.getByRole('region', { name: 'Contact email' });
  await contact.getByTestId('contact-email').fill('not-an-email');
  await contact.getByRole('button', { name: 'Save email' }).click();
  await expect(contact.getByText('Contact email must be an email address.')).toBeVisible();
  await contact.getByTestId('contact-email').fill('it@northside.example');
  await contact.getByRole('button', { name: 'Save email' }).click();
  await expect(contact.getByText('Saved.')).toBeVisible();
});

test('how long history is kept: bad values named beside their fields, good ones saved to settings.json', async () => {
  const history = page.getByRole('region', { name: 'History kept' });
  await expect(history.getByTestId('keep-activity-days')).toHaveValue('90');
  await history.getByTestId('keep-activity-days').fill('3');
  await history.getByTestId('keep-run-days').fill('5000');
  await history.getByRole('button', { name: 'Save history settings' }).click();
  await expect(history.getByText('Activity log lines must be kept for at least 7 days.')).toBeVisible();
  await expect(history.getByText('Sync runs can be kept for at most 3650 days (10 years).')).toBeVisible();
  await expect(history.getByTestId('keep-activity-days')).toHaveAttribute('aria-invalid', 'true');
  await expect(history.getByRole('status').filter({ hasText: 'Not saved' })).toContainText('2 fields need attention');
  expect(await axeFindings(page)).toEqual([]);

  await history.getByTestId('keep-activity-days').fill('30');
  await history.getByTestId('keep-run-days').fill('365');
  await history.getByRole('button', { name: 'Save history settings' }).click();
  await expect(history.getByText('Saved.')).toBeVisible();
  const saved = JSON.parse(readFileSync(join(server.dataDir, 'settings.json'), 'utf8')) as { retention: unknown };
  expect(saved.retention).toEqual({ activityDays: 30, runDays: 365, changeDays: 365 });
  await page.reload();
  await expect(page.getByRole('region', { name: 'History kept' }).getByTestId('keep-activity-days')).toHaveValue('30');
});

test('pause the schedule, switch the theme, and create a support bundle', async () => {
  const schedule = page.getByRole('region', { name: 'Schedule' });
  await schedule.getByRole('button', { name: 'Pause schedule' }).click();
  await expect(schedule.getByTestId('schedule-status')).toContainText('Paused');
  await schedule.getByRole('button', { name: 'Resume schedule' }).click();
  await expect(schedule.getByTestId('schedule-status')).toContainText('Active');

  const appearance = page.getByRole('region', { name: 'Appearance' });
  await appearance.getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('region', { name: 'Appearance' }).getByRole('radio', { name: 'Light' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.getByRole('region', { name: 'Appearance' }).getByRole('radio', { name: 'System' }).check();

  const support = page.getByRole('region', { name: 'Support' });
  await support.getByRole('button', { name: 'Create support bundle' }).click();
  await expect(support.getByTestId('bundle-path')).toContainText(server.dataDir);
  await expect(support).toContainText('Support bundle written');
});

test('an IntakeQ source shows its daily request budget', async () => {
  const intakeq: RunningEmulator<IntakeqControl> = await startIntakeqEmulator({ patients: 40, seed: 3, latencyMs: { min: 0, max: 5 } });
  try {
    await page.getByRole('button', { name: 'Add source' }).first().click();
    await dialog().getByRole('radio', { name: 'IntakeQ' }).check();
    await expect(dialog().getByRole('heading', { name: 'Connect IntakeQ' })).toBeVisible();
    await expect(dialog().getByRole('textbox', { name: /^Name/ })).toHaveValue('IntakeQ');
    await dialog().getByTestId('api-key-input').fill(intakeq.apiKey);
    await dialog().getByTestId('base-url-input').fill(intakeq.url);
    await dialog().getByRole('button', { name: 'Add source' }).click();
    await expect(dialog()).toBeHidden();
    const card = page.getByTestId('source-card').filter({ hasText: 'IntakeQ' });
    await card.getByRole('button', { name: 'Test connection' }).click();
    await expect(card.getByTestId('connection-result')).toContainText(/Connected · .+ · region/, { timeout: 15_000 });
    await expect(card).toContainText(/[1-9]\d* of 500 requests used today/, { timeout: 10_000 });
    await expect(card.getByRole('progressbar', { name: 'IntakeQ daily API budget' })).toHaveAttribute(
      'aria-valuetext',
      /of 500 requests used today/,
    );
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-intakeq-budget');
  } finally {
    await intakeq.close();
  }
});
