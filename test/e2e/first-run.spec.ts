import { expect, test } from '@playwright/test';
import { startConsoleServer, type ConsoleServer } from './support/console-server';
import { axeFindings, checkBothThemes, collectErrors, goTo, screenshot } from './support/console-ui';

let server: ConsoleServer;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  server = await startConsoleServer({ TZ: 'Australia/Melbourne' });
});

test.afterAll(async () => {
  await server.stop();
});

test('a new installation offers Cliniko, IntakeQ and the demo practice', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(server.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to ClinicSync' })).toBeVisible();
  await expect(page).toHaveTitle('Welcome · ClinicSync');
  await expect(page.getByRole('button', { name: 'Connect Cliniko' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Connect IntakeQ' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Explore with the demo practice' })).toBeVisible();
  // No source yet: the header has no freshness to show.
  await expect(page.getByTestId('freshness')).toHaveCount(0);
  await checkBothThemes(page, 'first-run');

  // "Connect IntakeQ" opens the add-source dialog for IntakeQ; Escape closes it and focus returns.
  await page.getByRole('button', { name: 'Connect IntakeQ' }).click();
  const dialog = page.getByRole('dialog', { name: 'Connect IntakeQ' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: /^Name/ })).toHaveValue('IntakeQ');
  expect(await axeFindings(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Connect IntakeQ' })).toBeFocused();

  await goTo(page, 'About');
  await expect(page.getByTestId('app-data-dir')).toHaveText(server.dataDir);
  await checkBothThemes(page, 'about');
  await goTo(page, 'Roster');
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to ClinicSync' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('exploring the demo practice shows the sync progress, then fills the roster', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(server.url);
  // Remember every moment a progress bar or the sync pill was on screen: the sync is quick.
  await page.evaluate(() => {
    const w = window as unknown as { __seen: Set<string> };
    w.__seen = new Set();
    new MutationObserver(() => {
      if (document.querySelector('[data-testid=sync-pill]')) w.__seen.add('pill');
      const name = document.querySelector('.sync-pill-name');
      if (name && name.scrollWidth > name.clientWidth) w.__seen.add('pill-cut');
      const bar = document.querySelector('[role=progressbar][aria-valuetext]');
      if (bar) w.__seen.add(`bar:${bar.getAttribute('aria-valuetext')}`);
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });

  await page.getByRole('button', { name: 'Explore with the demo practice' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Roster' })).toBeVisible({ timeout: 20_000 });
  await expect(page).toHaveTitle('Roster · ClinicSync');
  // The demo button is gone with the welcome page: focus moves to the roster, not to <body>.
  await expect(page.getByRole('main', { name: 'Roster' })).toBeFocused();
  await expect(page.getByTestId('roster-summary')).toContainText('650 patients', { timeout: 45_000 });
  const seen = await page.evaluate(() => [...(window as unknown as { __seen: Set<string> }).__seen]);
  expect(seen).toContain('pill');
  // "Syncing Demo practice (emulated)" is read whole, never "Syncing Demo practice (em…".
  expect(seen).not.toContain('pill-cut');
  expect(seen.some((s) => s.startsWith('bar:') && s.includes('step'))).toBe(true);

  // The header now says how fresh the appointments are, in words as well as colour.
  await expect(page.getByTestId('freshness')).toContainText(/Appointments current as of \d\d:\d\d/, { timeout: 20_000 });
  await expect(page.getByTestId('sync-pill')).toHaveCount(0, { timeout: 20_000 });
  await page.getByTestId('freshness').click();
  const popover = page.getByRole('dialog');
  await expect(popover.getByText('How fresh the cache is')).toBeVisible();
  await expect(popover).toContainText('Up to date');
  await expect(popover).toContainText('Times are in Australia/Melbourne');
  await screenshot(page, 'header-freshness');
  await page.keyboard.press('Escape');
  expect(errors).toEqual([]);
});

test('the header turns amber, then red, as the appointments age', async ({ browser }) => {
  for (const [hours, label, level] of [
    [30, 'Getting old', 'aging'],
    [50, 'Out of date', 'stale'],
  ] as const) {
    const context = await browser.newContext();
    const later = await context.newPage();
    // The browser's clock runs ahead; the last sync stays where it was.
    await later.clock.setFixedTime(Date.now() + hours * 3600_000);
    await later.goto(server.url);
    const chip = later.getByTestId('freshness-chip');
    await expect(chip).toContainText('Appointments current as of');
    await expect(chip).toContainText(label);
    await expect(chip).toHaveClass(new RegExp(`level-${level}`));
    if (level === 'stale') {
      await checkBothThemes(later, 'header-out-of-date');
    }
    await context.close();
  }
});
