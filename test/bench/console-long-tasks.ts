/**
 * The console bench's main-thread watch: long tasks from PerformanceObserver('longtask') while a sync
 * streams progress, and a positive control — an 80 ms task injected into the page — that proves the
 * watch sees a long task when there is one. The Long Tasks API reports only tasks of 50 ms or more, so
 * "0" means "none ≥ 50 ms seen", never "the longest task took 0 ms".
 */
import type { Page } from '@playwright/test';
import type { ContractClient } from '../e2e/support/contract-client';

/** How long the main thread is watched while a sync streams progress, per page. */
export const STREAM_WATCH_MS = 12_000;
export const LONG_TASK_MS = 50;
export const CONTROL_TASK_MS = 80;

/** Page script (installed before any other): records every long task. */
export const LONG_TASK_OBSERVER = `
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
`;

interface BenchWindow {
  __bench: { longTasks: Array<{ start: number; duration: number }>; progressEvents: number };
}

/** Long tasks recorded on the page since `from` (performance.now() in the page). */
async function longTasksSince(page: Page, from: number): Promise<number[]> {
  return page.evaluate(
    (t) => (window as unknown as BenchWindow).__bench.longTasks.filter((e) => e.start >= t).map((e) => e.duration),
    from,
  );
}

export interface LongTaskWatch {
  /** Durations of the tasks ≥ 50 ms seen; empty when none was. */
  longTasks: number[];
  events: number;
}

/**
 * Opens `route` and lets it settle, then starts a full sync (over the contract, as the scheduler or
 * another window would) and watches the page's main thread for STREAM_WATCH_MS while progress streams
 * in; cancels the sync at the end.
 */
export async function watchStreaming(page: Page, client: ContractClient, route: 'sync' | 'roster'): Promise<LongTaskWatch> {
  await page.goto(`${page.url().split('#')[0]}#/${route}`);
  if (route === 'roster') await page.getByTestId('roster-row').first().waitFor();
  else await page.getByRole('log', { name: 'Sync activity' }).waitFor();
  await page.waitForTimeout(1500);
  const start = await page.evaluate(() => ({ at: performance.now(), events: (window as unknown as BenchWindow).__bench.progressEvents }));
  await client.call('sync:start', { mode: 'full' });
  await page.waitForTimeout(STREAM_WATCH_MS);
  const longTasks = await longTasksSince(page, start.at);
  const events = await page.evaluate(() => (window as unknown as BenchWindow).__bench.progressEvents);
  await client.call('sync:cancel', {});
  for (let i = 0; i < 100 && (await client.call('sync:status', {})).active.length > 0; i++) await page.waitForTimeout(100);
  return { longTasks, events: events - start.events };
}

/** Blocks the page's main thread for CONTROL_TASK_MS in one task and returns the longest task the watch then saw. */
export async function positiveControl(page: Page): Promise<number> {
  const from = await page.evaluate((ms) => {
    const at = performance.now();
    setTimeout(() => {
      const until = performance.now() + ms;
      while (performance.now() < until) {
        // busy: one task that holds the main thread
      }
    }, 0);
    return at;
  }, CONTROL_TASK_MS);
  await page.waitForTimeout(1000);
  return Math.max(0, ...(await longTasksSince(page, from)));
}
