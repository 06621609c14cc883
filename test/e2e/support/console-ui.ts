import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/**
 * Helpers for the shell, Roster, Settings and first-run specs: open the console, switch themes,
 * check accessibility and keep screenshots (see screenshot-dirs.ts).
 */

import { SCREENSHOT_DIRS } from './screenshot-dirs';

/** The console's pages of the sidebar, by their link names. */
export type NavPage = 'Roster' | 'Appointments' | 'Sync' | 'Changes' | 'History' | 'Settings' | 'About';

export async function goTo(page: Page, name: NavPage): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
  // The Roster link shows the first-run page until a source exists.
  if (name !== 'Roster') await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/** Follows the system theme and sets the system to light or dark (the console's default appearance). */
export async function setScheme(page: Page, scheme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
  await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
  // Colours fade between themes: axe must judge the new colours, not a frame half-way. (A transition
  // that keeps restarting must not hold the test: a second at most.)
  await page.evaluate(async () => {
    const fades = document
      .getAnimations()
      .filter((a) => a instanceof CSSTransition)
      .map((a) => a.finished.catch(() => undefined));
    await Promise.race([Promise.all(fades), new Promise((resolve) => setTimeout(resolve, 1000))]);
  });
}

/** Serious and critical axe-core findings (WCAG 2.1 A/AA and best practices) on the page as it is now. */
export async function axeFindings(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Checks axe in both themes and keeps a screenshot of each, named `${name}-light` / `${name}-dark`. */
export async function checkBothThemes(
  page: Page,
  name: string,
  beforeShot?: () => Promise<void>,
  options: { full?: boolean } = {},
): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await setScheme(page, scheme);
    expect(await axeFindings(page), `axe findings on ${name} (${scheme})`).toEqual([]);
    await beforeShot?.();
    await screenshot(page, `${name}-${scheme}`, options);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/**
 * Saves a screenshot to both folders. `full` stretches the window to the page's whole height first
 * (the shell scrolls inside <main>, so Playwright's fullPage would show only the window).
 */
export async function screenshot(page: Page, name: string, options: { full?: boolean } = {}): Promise<void> {
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
  if (options.full) {
    const extra = await page.evaluate(() => {
      const main = document.querySelector('main');
      return main ? main.scrollHeight - main.clientHeight : 0;
    });
    await page.setViewportSize({ width: viewport.width, height: Math.min(viewport.height + extra, 4000) });
    await page.waitForTimeout(150);
  }
  for (const dir of SCREENSHOT_DIRS) {
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, `${name}.png`), animations: 'disabled', caret: 'hide' });
  }
  if (options.full) await page.setViewportSize(viewport);
}

/**
 * What runs off the side of the page as it is now: the document or any element a user could scroll
 * sideways (overflow-x auto or scroll) whose content is wider than its box, and anything in <main>
 * that sticks out past main's content edge without being clipped. Empty when nothing does.
 */
export async function sidewaysOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const describe = (el: Element): string =>
      (el as HTMLElement).dataset.testid ?? (el.id || (typeof el.className === 'string' && el.className) || el.tagName.toLowerCase());
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) found.push(`the page (${root.scrollWidth} > ${root.clientWidth} px)`);
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      const { overflowX } = getComputedStyle(el);
      if ((overflowX === 'auto' || overflowX === 'scroll') && el.scrollWidth > el.clientWidth) {
        found.push(`${describe(el)} scrolls (${el.scrollWidth} > ${el.clientWidth} px)`);
      }
    }
    const main = document.querySelector('main');
    if (!main) return found;
    const edge = main.getBoundingClientRect().left + main.clientLeft + main.clientWidth - parseFloat(getComputedStyle(main).paddingRight);
    const clipped = (el: Element): boolean => {
      for (let up = el.parentElement; up && up !== main; up = up.parentElement) {
        if (getComputedStyle(up).overflowX !== 'visible') return true;
      }
      return false;
    };
    for (const el of Array.from(main.querySelectorAll('*'))) {
      const box = el.getBoundingClientRect();
      if (box.width > 0 && box.right > edge + 1 && !clipped(el)) {
        found.push(`${describe(el)} sticks out (${Math.round(box.right)} > ${Math.round(edge)} px)`);
      }
    }
    return found;
  });
}

/** Collects page errors and console errors from now on (the CSP refusing a style shows up here). */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  return errors;
}

/** Starts the demo practice from the first-run page and waits until its 650 patients are in the roster. */
export async function exploreDemo(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Explore with the demo practice' }).click();
  await expect(page.getByTestId('roster-summary')).toContainText('650 patients', { timeout: 45_000 });
  await expect(page.getByTestId('freshness')).toContainText('Appointments current as of', { timeout: 30_000 });
}
