/**
 * Every page of the console at 1440×900 and at a 1024×700 laptop screen, light and dark: nothing
 * scrolls sideways, axe finds nothing, numbers and dates read one way. Screenshots of each land in
 * test-results/screenshots/screens/, named page-width-theme; the README's few also in docs (see screenshot-dirs.ts).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startConsoleServer, type ConsoleServer } from './support/console-server';
import { axeFindings, collectErrors, exploreDemo, goTo, setScheme, sidewaysOverflow, type NavPage } from './support/console-ui';
import { SCREENSHOT_DIRS } from './support/screenshot-dirs';

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
] as const;
const PAGES: NavPage[] = ['Roster', 'Appointments', 'Sync', 'Changes', 'History', 'Settings', 'About'];
const [RESULTS_DIR, ...DOCS_DIRS] = SCREENSHOT_DIRS.map((dir) => join(dir, 'screens'));
/** The pictures of this spec that the README shows. */
const README_PICTURES = new Set(['history-1440-dark', 'roster-1024-light', 'sync-1024-dark']);

let server: ConsoleServer;
let page: Page;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  server = await startConsoleServer({ TZ: 'Australia/Melbourne' });
  page = await (await browser.newContext()).newPage();
  await page.goto(server.url);
});

test.afterAll(async () => {
  await page.context().close();
  await server.stop();
});

/** The demo practice in the cache, whether or not the test that starts it ran first (`-g` runs one test alone). */
async function withDemo(): Promise<void> {
  await goTo(page, 'Roster');
  if (await page.getByRole('heading', { level: 1, name: 'Welcome to ClinicSync' }).isVisible()) await exploreDemo(page);
}

/** Axe in both themes, and a screenshot of each, for the page as it is now. */
async function checkThemes(name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await setScheme(page, scheme);
    await page.mouse.move(0, 0);
    expect(await axeFindings(page), `axe findings on ${name} (${scheme})`).toEqual([]);
    const shot = `${name}-${scheme}`;
    for (const dir of README_PICTURES.has(shot) ? [RESULTS_DIR as string, ...DOCS_DIRS] : [RESULTS_DIR as string]) {
      mkdirSync(dir, { recursive: true });
      await page.screenshot({ path: join(dir, `${shot}.png`), animations: 'disabled', caret: 'hide' });
    }
  }
  await setScheme(page, 'light');
}

/**
 * Counts written without grouping ("10900") and ICU's "Sept", in the page's text. Years, clock
 * times, phone numbers, paths and remote IDs (monospace) are not counts.
 */
async function badNumbersAndDates(): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const main = document.querySelector('main');
    if (!main) return ['no <main>'];
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement?.closest('.mono, code, kbd')) continue;
      const text = node.textContent ?? '';
      // Phone numbers ("0425 130 253", "+61 3 9123 4567") are digit groups with spaces or a leading 0/+.
      for (const match of text.matchAll(/(?<![\w.,:/+-]|\d )[1-9]\d{3,}(?![\w.,:/-]| \d)/g)) {
        const n = Number(match[0]);
        if (!(match[0].length === 4 && n >= 1900 && n <= 2099)) found.push(`"${match[0]}" in "${text.trim().slice(0, 80)}"`);
      }
      if (/\bSept\b/.test(text)) found.push(`"Sept" in "${text.trim().slice(0, 80)}"`);
    }
    return found;
  });
}

test('the welcome page fits both widths, in both themes', async () => {
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to ClinicSync' })).toBeVisible();
  for (const size of SIZES) {
    await page.setViewportSize(size);
    expect(await sidewaysOverflow(page), `sideways scrolling on the welcome page at ${size.width} px`).toEqual([]);
    await checkThemes(`welcome-${size.width}`);
  }
});

test('starting the demo leaves focus on the page, not on <body>', async () => {
  await page.getByRole('button', { name: 'Explore with the demo practice' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Roster' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('main', { name: 'Roster' })).toBeFocused();
  await expect(page.getByTestId('roster-summary')).toContainText('650 patients', { timeout: 45_000 });
  await expect(page.getByTestId('freshness')).toContainText('Appointments current as of', { timeout: 30_000 });
});

for (const size of SIZES) {
  test(`every page at ${size.width}×${size.height}: nothing scrolls sideways, axe finds nothing, counts are grouped`, async () => {
    test.setTimeout(300_000); // seven pages, axe twice on each, on a shared machine
    await withDemo();
    const errors = collectErrors(page);
    await page.setViewportSize(size);
    for (const name of PAGES) {
      await goTo(page, name);
      await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
      // Pages that load after they draw: wait until their data is on screen.
      if (name === 'Roster') await expect(page.getByTestId('roster-row').first()).toBeVisible();
      if (name === 'History') await expect(page.getByTestId('history-row').first()).toBeVisible();
      if (name === 'Sync') await expect(page.getByTestId('sync-source').first()).toBeVisible();
      expect(await sidewaysOverflow(page), `sideways scrolling on ${name} at ${size.width} px`).toEqual([]);
      expect(await badNumbersAndDates(), `numbers and dates on ${name}`).toEqual([]);
      await checkThemes(`${name.toLowerCase()}-${size.width}`);
    }
    expect(errors).toEqual([]);
  });
}

test('at 1024 px the roster leaves Last synced and Remote ID to the patient drawer, and no name is cut', async () => {
  await withDemo();
  await page.setViewportSize({ width: 1024, height: 700 });
  await expect(page.getByRole('columnheader', { name: /Next appointment/ })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: /Last synced/ })).toHaveCount(0);
  await expect(page.getByRole('columnheader', { name: /Remote ID/ })).toHaveCount(0);

  // Patient and practitioner names on screen are whole (no ellipsis, nothing under a badge), and
  // no cell spills out of its row (a birth date wrapped onto three lines).
  await choose('filter-upcoming', 'yes');
  const cut = await page.evaluate(() => [
    ...Array.from(document.querySelectorAll<HTMLElement>('.roster-row .patient-link, .roster-row .practitioner'))
      .filter((el) => el.scrollWidth > el.clientWidth)
      .map((el) => `cut: ${el.textContent ?? ''}`),
    ...Array.from(document.querySelectorAll<HTMLElement>('.roster-row td'))
      .filter((el) => el.scrollHeight > el.clientHeight)
      .map((el) => `too tall: ${el.textContent ?? ''}`),
  ]);
  expect(cut).toEqual([]);

  const name = (await page.locator('.patient-link').first().textContent()) ?? '';
  await page.locator('.patient-link').first().click();
  const drawer = page.getByRole('dialog', { name });
  await expect(drawer.getByText('Remote ID', { exact: true })).toBeVisible();
  await expect(drawer.getByText('Last synced', { exact: true })).toBeVisible();
  await expect(drawer.locator('code')).toHaveText(/^\d+$/);
  await page.keyboard.press('Escape');
  await choose('filter-upcoming', 'all');

  // Wide again: the columns come back.
  await page.setViewportSize({ width: 1440, height: 900 });
  await expect(page.getByRole('columnheader', { name: /Remote ID/ })).toBeVisible();
});

test('the icon-only navigation names each page in a tooltip, on keyboard focus too', async () => {
  await withDemo();
  await page.setViewportSize({ width: 1024, height: 700 });
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'History' }).focus();
  await expect(page.getByRole('tooltip', { name: 'History' })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('tooltip', { name: 'Settings' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'History' })).toHaveAttribute('data-state');
  // Wide windows show the names; no tooltip repeats them: the links stop being tooltip triggers
  // (waited for, instead of sleeping past the open delay and hoping nothing came).
  await page.setViewportSize({ width: 1440, height: 900 });
  const history = nav.getByRole('link', { name: 'History' });
  await expect(history).not.toHaveAttribute('data-state');
  await history.focus();
  await expect(page.getByRole('tooltip')).toHaveCount(0);
});

test('"Changes since" takes a day and a 24-hour clinic time', async () => {
  await withDemo();
  await goTo(page, 'Changes');
  await page.getByLabel('Show').selectOption('custom');
  await page.getByLabel('From day').fill('2026-03-09');
  const clock = page.getByLabel('At (24-hour clinic time)');
  await clock.fill('915');
  await clock.blur();
  await expect(clock).toHaveValue('09:15');
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(page.getByTestId('changes-summary')).toContainText(/since .*9 Mar.*09:15/);

  // Not a time: said beside the field, and nothing is asked of the service.
  await clock.fill('25:00');
  await expect(page.getByText('Enter a day and a time like 09:30.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Show', exact: true })).toBeDisabled();
  await page.getByLabel('Show').selectOption('open');
});

/** Chooses a roster filter option and waits until the rows answer it. */
async function choose(testId: string, value: string): Promise<void> {
  await page.getByTestId(testId).selectOption(value);
  await expect(page.getByTestId('roster-table')).not.toHaveAttribute('aria-busy', 'true');
}
