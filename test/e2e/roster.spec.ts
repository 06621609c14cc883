import { expect, test, type Page } from '@playwright/test';
import { startConsoleServer, type ConsoleServer } from './support/console-server';
import { checkBothThemes, collectErrors, exploreDemo } from './support/console-ui';

let server: ConsoleServer;
let page: Page;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  server = await startConsoleServer({ TZ: 'Australia/Melbourne' });
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  page = await context.newPage();
  await page.goto(server.url);
  await exploreDemo(page);
});

test.afterAll(async () => {
  await page.context().close();
  await server.stop();
});

const rows = () => page.getByTestId('roster-row');
const summary = () => page.getByTestId('roster-summary');
const search = () => page.getByTestId('roster-search');

/** Chooses a filter option and waits until the rows on screen answer it. */
async function choose(testId: string, value: string | { label: string }): Promise<void> {
  await page.getByTestId(testId).selectOption(value);
  await expect(page.getByTestId('roster-table').or(page.getByRole('heading', { name: 'No patients match' }))).not.toHaveAttribute(
    'aria-busy',
    'true',
  );
}

async function firstRowNames(n: number): Promise<string[]> {
  return page
    .locator('[data-testid=roster-row] .patient-link')
    .evaluateAll((els, count) => els.slice(0, count).map((e) => e.textContent ?? ''), n);
}

test('the roster shows every patient, virtualized, with counters and accessible in both themes', async () => {
  const errors = collectErrors(page);
  await expect(summary()).toContainText('650 patients');
  await expect(summary()).toContainText('with an upcoming appointment');
  // 650 patients, but only the rows on screen exist in the page.
  const rendered = await rows().count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(60);
  await expect(page.getByTestId('roster-table')).toHaveAttribute('aria-rowcount', '651');
  await expect(page.getByRole('columnheader', { name: /Patient/ })).toHaveAttribute('aria-sort', 'ascending');

  // Scrolling far down fetches that window of rows.
  await page.getByTestId('roster-scroll').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(page.locator('[data-testid=roster-row][aria-rowindex="651"]')).toBeVisible();
  await expect(page.locator('[data-testid=roster-row][aria-rowindex="651"] .patient-link')).not.toBeEmpty();
  await page.getByTestId('roster-scroll').evaluate((el) => el.scrollTo({ top: 0 }));

  await page.mouse.move(0, 0);
  await checkBothThemes(page, 'roster');
  expect(errors).toEqual([]);
});

test('search finds patients by name, email and phone', async () => {
  const first = rows().first();
  const name = (await first.locator('.patient-link').textContent()) ?? '';
  const lastName = name.split(' ').at(-1) ?? '';
  await search().fill(lastName);
  await expect(summary()).toContainText(/\d+ of 650 patients match/);
  for (const text of await firstRowNames(5)) expect(text.toLowerCase()).toContain(lastName.toLowerCase());

  await search().fill('');
  await expect(summary()).toContainText('650 patients');
  // The first patient on screen with an email (and below, with a phone): not every patient has both.
  const email = (await rows().locator('.cell-contact .truncate[title*="@"]').first().getAttribute('title')) ?? '';
  expect(email).toContain('@');
  await search().fill(email);
  await expect(summary()).toContainText('1 of 650 patients match');
  await expect(rows()).toHaveCount(1);

  await search().fill('');
  const phone = ((await rows().locator('.cell-contact .cell-sub').first().textContent()) ?? '').trim();
  await search().fill(phone);
  await expect(summary()).toContainText(/match/);
  await expect(rows().first().locator('.cell-contact')).toContainText(phone);

  await search().fill('zzzz-nobody-here');
  await expect(page.getByRole('heading', { name: 'No patients match' })).toBeVisible();
  await page.getByRole('button', { name: 'Clear search and filters' }).click();
  await expect(summary()).toContainText('650 patients');
  await expect(search()).toHaveValue('');

  // "/" jumps to search.
  await page.getByRole('heading', { level: 1, name: 'Roster' }).click();
  await page.keyboard.press('/');
  await expect(search()).toBeFocused();
});

test('filters narrow the roster and say how many match', async () => {
  await choose('filter-upcoming', 'yes');
  await expect(summary()).toContainText(/match/);
  const withUpcoming = Number((await summary().locator('strong').textContent())?.replace(/,/g, ''));
  await expect(summary()).toContainText(`${withUpcoming} with an upcoming appointment`);
  for (const cell of await rows().locator('td:nth-child(4)').all()) await expect(cell).not.toContainText('None booked');

  await choose('filter-status', 'booked');
  await expect(summary()).toContainText(/match/);
  for (const cell of await rows().locator('td:nth-child(4)').all()) await expect(cell).toContainText('Booked');
  await expect(page.getByRole('button', { name: 'Clear filters (2)' })).toBeEnabled();

  await choose('filter-upcoming', 'no');
  await choose('filter-status', '');
  await expect(summary()).toContainText(`${650 - withUpcoming} of 650 patients match`);

  await choose('filter-organization', 'affiliated');
  await expect(page.getByRole('heading', { name: 'No patients match' })).toBeVisible();
  await page.getByRole('button', { name: /Clear filters/ }).click();
  await expect(summary()).toContainText('650 patients');

  await choose('filter-archived', 'only');
  await expect(summary()).toContainText(/match|No patients/);
  await choose('filter-archived', 'all');
  await expect(summary()).toContainText('650 patients');
});

test('column headers sort, and say how', async () => {
  const birthHeader = page.getByRole('columnheader', { name: /Birth date/ });
  await birthHeader.getByRole('button').click();
  await expect(birthHeader).toHaveAttribute('aria-sort', 'ascending');
  const years = async () =>
    (await rows().locator('td:nth-child(2) .two-line > span:first-child').allTextContents()).slice(0, 6).map((t) => new Date(t).getTime());
  await expect.poll(async () => (await years()).every((y, i, all) => i === 0 || y >= (all[i - 1] ?? 0))).toBe(true);
  const oldest = (await years())[0] ?? 0;

  await birthHeader.getByRole('button').click();
  await expect(birthHeader).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(async () => ((await years())[0] ?? 0) > oldest).toBe(true);
  expect((await years()).every((y, i, all) => i === 0 || y <= (all[i - 1] ?? 0))).toBe(true);

  const nextHeader = page.getByRole('columnheader', { name: /Next appointment/ });
  await nextHeader.getByRole('button').click();
  await expect(nextHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(rows().first().locator('td:nth-child(4)')).not.toContainText('None booked');

  await page
    .getByRole('columnheader', { name: /Patient/ })
    .getByRole('button')
    .click();
  await expect(page.getByRole('columnheader', { name: /Patient/ })).toHaveAttribute('aria-sort', 'ascending');
});

test('the keyboard moves between patients and opens one', async () => {
  const links = page.locator('.patient-link');
  await links.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('.patient-link[data-index="1"]')).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.locator('.patient-link[data-index="649"]')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(page.locator('.patient-link[data-index="0"]')).toBeFocused();
  const name = (await links.first().textContent()) ?? '';
  await page.keyboard.press('Enter');
  const drawer = page.getByRole('dialog', { name });
  await expect(drawer).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await expect(page.locator('.patient-link[data-index="0"]')).toBeFocused();
});

test('a telehealth link opens the call, or copies to the clipboard', async () => {
  await choose('filter-upcoming', 'yes');
  await expect(summary()).toContainText(/match/);
  const join = page.getByRole('link', { name: /^Open the video call for / }).first();
  await expect(join).toBeVisible();
  await expect(join).toHaveAttribute('target', '_blank');
  const href = await join.getAttribute('href');
  expect(href).toMatch(/^https?:\/\//);
  const copy = page.getByRole('button', { name: /^Copy the video link for / }).first();
  await expect(copy).toBeVisible();
  await copy.click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied to the clipboard' }).first()).toBeAttached();
  const text = await page.evaluate(() => navigator.clipboard.readText());
  expect(text).toBe(href);
  await choose('filter-upcoming', 'all');
});

test('the patient drawer: appointments, notes, organizations and a refresh from the source', async () => {
  const errors = collectErrors(page);
  await choose('filter-upcoming', 'yes');
  await expect(summary()).toContainText(/match/);
  const name = (await page.locator('.patient-link').first().textContent()) ?? '';
  await page.locator('.patient-link').first().click();
  const drawer = page.getByRole('dialog', { name });
  await expect(drawer).toBeVisible();
  await expect(drawer.getByRole('heading', { name: /Upcoming appointments/ })).toBeVisible();
  await expect(drawer.getByRole('list', { name: 'Upcoming appointments' }).getByRole('listitem').first()).toBeVisible();

  // Notes: add, edit, remove.
  await drawer.getByTestId('note-input').fill('Prefers morning calls.');
  await drawer.getByRole('button', { name: 'Add note' }).click();
  const note = drawer.getByTestId('patient-note');
  await expect(note).toHaveCount(1);
  await expect(note).toContainText('Prefers morning calls.');
  await expect(drawer.getByTestId('note-input')).toHaveValue('');
  await note.getByRole('button', { name: 'Edit' }).click();
  await drawer.getByRole('textbox', { name: 'Edit note' }).fill('Prefers afternoon calls.');
  await drawer.getByRole('button', { name: 'Save note' }).click();
  await expect(note).toContainText('Prefers afternoon calls.');
  await expect(note).toContainText('edited');

  // A second note stays while the first is removed (after a confirmation).
  await drawer.getByTestId('note-input').fill('Needs an interpreter (Greek).');
  await drawer.getByRole('button', { name: 'Add note' }).click();
  await expect(drawer.getByTestId('patient-note')).toHaveCount(2);
  await drawer.getByTestId('patient-note').filter({ hasText: 'afternoon' }).getByRole('button', { name: 'Remove' }).click();
  await drawer.getByRole('group', { name: 'Confirm removal' }).getByRole('button', { name: 'Remove' }).click();
  await expect(drawer.getByTestId('patient-note')).toHaveCount(1);
  await expect(drawer.getByTestId('patient-note')).toContainText('interpreter');

  // Organizations: create one for this patient; the roster shows it and the counters follow.
  await drawer.getByRole('textbox', { name: 'New organization' }).fill('Northside High School');
  await drawer.getByRole('button', { name: 'Create and add' }).click();
  await expect(drawer.getByRole('checkbox', { name: 'Northside High School' })).toBeChecked();

  // Refresh this one patient from the source.
  await drawer.getByRole('button', { name: 'Refresh from source' }).click();
  await expect(drawer.getByText('Refreshed from Demo practice (emulated).')).toBeVisible();

  await checkBothThemes(page, 'patient-drawer', async () => {
    await drawer.locator('.dialog-body').evaluate((el) => el.scrollTo({ top: 0 }));
    await page.mouse.move(0, 0);
  });
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  await expect(summary()).toContainText('649 with no organization');
  await choose('filter-upcoming', 'all');
  await choose('filter-organization', { label: 'Northside High School (1)' });
  await expect(summary()).toContainText('1 of 650 patients match');
  await expect(rows().first()).toContainText('Northside High School');
  await expect(rows().first()).toContainText(name);

  // Unchecking removes the patient from the organization.
  await rows().first().locator('.patient-link').click();
  await page.getByRole('dialog', { name }).getByRole('checkbox', { name: 'Northside High School' }).click();
  await expect(page.getByRole('dialog', { name }).getByRole('checkbox', { name: 'Northside High School' })).not.toBeChecked();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: /Clear filters/ }).click();
  await expect(summary()).toContainText('650 with no organization');
  expect(errors).toEqual([]);
});
