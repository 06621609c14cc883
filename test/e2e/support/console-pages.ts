import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';

import { SCREENSHOT_DIRS } from './screenshot-dirs';

/** Opens a page of the console by its hash route (#/sync, #/changes, #/history). */
export async function openPage(page: Page, consoleUrl: string, route: 'sync' | 'changes' | 'history' | 'roster'): Promise<void> {
  const current = new URL(page.url() === 'about:blank' ? consoleUrl : page.url());
  if (current.origin === new URL(consoleUrl).origin && page.url() !== 'about:blank') {
    await page.evaluate((hash) => {
      window.location.hash = hash;
    }, `#/${route}`);
  } else {
    await page.goto(`${consoleUrl}#/${route}`);
  }
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`^${route}$`, 'i') })).toBeVisible();
}

/** axe-core's serious and critical findings on the page as it is now (WCAG 2.x A and AA). */
export async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);
  if (include) builder = builder.include(include);
  const results = await builder.analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * Saves a screenshot of the whole page (the app shell scrolls inside <main>, so the viewport is
 * stretched to the page's height first) to the screenshot folders (see screenshot-dirs.ts).
 */
export async function saveScreenshot(page: Page, name: string, testInfo?: TestInfo): Promise<void> {
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
  const height = await page.evaluate(() => {
    const main = document.querySelector('main');
    const extra = main ? main.scrollHeight - main.clientHeight : 0;
    return Math.max(document.documentElement.scrollHeight, window.innerHeight + extra);
  });
  await page.setViewportSize({ width: viewport.width, height: Math.min(Math.max(height, viewport.height), 3000) });
  await page.waitForTimeout(150);
  for (const dir of SCREENSHOT_DIRS) {
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, `${name}.png`), animations: 'disabled' });
  }
  if (testInfo) await testInfo.attach(name, { path: join(SCREENSHOT_DIRS[0] as string, `${name}.png`), contentType: 'image/png' });
  await page.setViewportSize(viewport);
}

/** Records every value a progress bar shows, from now on (values arrive faster than polling sees them). */
export async function recordProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __progressSeen: string[] }).__progressSeen = seen;
    const note = (el: Element) => {
      const now = el.getAttribute('aria-valuenow');
      const text = el.getAttribute('aria-valuetext') ?? '';
      // The row's size with it: progress must never move the layout.
      const row = el.closest('[data-testid="sync-progress-row"]')?.getBoundingClientRect();
      const entry = `${now ?? '-'}|${text}|${row ? `${row.width}x${row.height}` : ''}`;
      if (seen.at(-1) !== entry) seen.push(entry);
    };
    new MutationObserver((mutations) => {
      for (const m of mutations) {
        if (m.type === 'attributes' && m.target instanceof Element && m.target.matches('[role=progressbar]')) note(m.target);
        for (const node of m.addedNodes) {
          if (node instanceof Element) node.querySelectorAll('[role=progressbar]').forEach(note);
        }
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow', 'aria-valuetext'] });
  });
}

export async function progressSeen(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __progressSeen?: string[] }).__progressSeen ?? []);
}
