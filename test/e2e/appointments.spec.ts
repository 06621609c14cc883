import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { expect, test, type Page } from '@playwright/test';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { startClinikoEmulator, type ClinikoControl, type RunningEmulator } from '../../electron/emulators';
import { startConsoleServer, type ConsoleServer } from './support/console-server';
import { connectContract, type ContractClient } from './support/contract-client';
import { progressSeen, recordProgress } from './support/console-pages';
import { checkBothThemes, collectErrors, screenshot } from './support/console-ui';

const ZONE = 'Australia/Melbourne';
/** A busy day at a large practice: this many bookings on one day, every two minutes from 08:00. */
const BUSY = 320;

let cliniko: RunningEmulator<ClinikoControl>;
let server: ConsoleServer;
let client: ContractClient;
let page: Page;
let today: string;
let busyDay: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  // Some latency, so a day refresh takes long enough for its progress to be drawn.
  cliniko = await startClinikoEmulator({ patients: 80, seed: 11, latencyMs: { min: 60, max: 60 }, timeZone: ZONE });
  today = DateTime.now().setZone(ZONE).toISODate() as string;
  busyDay = DateTime.fromISO(today).plus({ days: 2 }).toISODate() as string;
  const eight = DateTime.fromISO(`${busyDay}T08:00`, { zone: ZONE });
  for (let i = 0; i < BUSY; i++)
    cliniko.control.addAppointment({
      starts_at: eight
        .plus({ minutes: 2 * i })
        .toUTC()
        .toISO() as string,
    });

  server = await startConsoleServer({ TZ: ZONE });
  client = await connectContract(server.url);
  await client.call('sources:add', { kind: 'cliniko', name: 'Southside Clinic', apiKey: cliniko.apiKey, baseUrl: cliniko.url });
  await client.call('sync:start', { mode: 'full' });
  await expect.poll(async () => (await client.call('sync:status', {})).active.length, { timeout: 60_000 }).toBe(0);

  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  page = await context.newPage();
  await page.goto(`${server.url}#/appointments`);
});

test.afterAll(async () => {
  client?.close();
  await page?.context().close();
  await server?.stop();
  await cliniko?.close();
});

const rows = () => page.getByTestId('day-row');
const summary = () => page.getByTestId('day-summary');

async function openDay(date: string): Promise<void> {
  await page.getByTestId('day-picker').fill(date);
  await expect(page.locator(`[data-testid=week-day][data-date="${date}"]`)).toHaveAttribute('aria-current', 'date');
}

test('opens on today and shows a busy day of a few hundred appointments, virtualized, drawn in under 100 ms', async () => {
  const errors = collectErrors(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Appointments' })).toBeVisible();
  await expect(page.getByTestId('day-title')).toContainText('Today');
  await expect(page.getByTestId('day-freshness')).toContainText('This day as of');

  await openDay(busyDay);
  await expect(page.locator(`[data-testid=week-day][data-date="${busyDay}"]`)).toHaveAttribute('data-count', /^3[2-9]\d$/);
  const count = Number(await page.locator(`[data-testid=week-day][data-date="${busyDay}"]`).getAttribute('data-count'));
  await expect(summary()).toContainText(`${count} appointments`);
  await expect(page.getByTestId('day-table')).toHaveAttribute('aria-rowcount', String(count + 1));
  const drawn = await rows().count();
  expect(drawn).toBeGreaterThan(5);
  expect(drawn).toBeLessThan(60);
  // Start order, in clinic time.
  const firstTimes = await page.locator('[data-testid=day-row] .day-start').evaluateAll((els) => els.slice(0, 3).map((e) => e.textContent));
  expect(firstTimes[0]).toBe('08:00');

  // Paging to the next day and back comes from the cache; each time, the rows are drawn within 100 ms of
  // the data's arrival (to the frame after the commit). The median of five, on a shared machine.
  const times: number[] = [];
  const commits: number[] = [];
  for (let i = 0; i < 5; i++) {
    await page.getByRole('button', { name: 'Next day' }).click();
    await expect(summary()).not.toContainText(`${count} appointments`);
    await page.getByRole('button', { name: 'Previous day' }).click();
    await expect(summary()).toContainText(`${count} appointments`);
    await expect(page.getByTestId('day-table')).toHaveAttribute('data-render-ms', /^\d+$/);
    times.push(Number(await page.getByTestId('day-table').getAttribute('data-render-ms')));
    commits.push(Number(await page.getByTestId('day-table').getAttribute('data-commit-ms')));
  }
  const renderMs = [...times].sort((a, b) => a - b)[2] as number;
  // The 100 ms budget holds on a machine with CPU to spare; on one shared by many test runs (load above
  // its cores) the time measures the queue for the CPU, so only a gross regression fails there.
  const load = loadavg()[0] ?? 0;
  const budget = load < cpus().length ? 100 : 400;
  test.info().annotations.push({
    type: 'day sheet render',
    description: `median ${renderMs} ms of ${times.join(', ')} (load ${load.toFixed(1)}, budget ${budget} ms)`,
  });
  expect(renderMs).toBeLessThan(budget);
  console.log(
    `day sheet: ${count} appointments in the page after ${commits.join(', ')} ms, on screen after ${times.join(', ')} ms (median ${renderMs}; ${drawn} rows in the DOM)`,
  );
  expect(errors).toEqual([]);
});

test('is accessible in both themes at 1440 px', async () => {
  await page.mouse.move(0, 0);
  await checkBothThemes(page, 'appointments-1440');
});

test('filters narrow the day and are remembered after a reload', async () => {
  const practitioner = (await page.getByTestId('day-practitioner').locator('option').nth(1).textContent()) ?? '';
  await page.getByTestId('day-practitioner').selectOption({ label: practitioner });
  await expect(summary()).toContainText(/not shown/);
  const names = await page.locator('[data-testid=day-row] td:nth-child(3)').allTextContents();
  expect(names.length).toBeGreaterThan(0);
  expect(new Set(names)).toEqual(new Set([practitioner]));
  await page.getByTestId('day-status').selectOption('all');

  await page.reload();
  await expect(page.getByTestId('day-practitioner')).toHaveValue(practitioner);
  await expect(page.getByTestId('day-status')).toHaveValue('all');
  await page.getByTestId('day-practitioner').selectOption('');
  await page.getByTestId('day-status').selectOption('expected');
  await openDay(busyDay);
  await page.getByTestId('day-search').fill('zzzz-nobody');
  await expect(page.getByRole('heading', { name: /No appointments on/ })).toBeVisible();
  await page.getByTestId('day-search').fill('');
  await expect(rows().first()).toBeVisible();
});

test('"Refresh this day" pulls just the day with progress, and marks what changed with the details on hover', async () => {
  const [first, second] = (await client.call('appointments:day', { date: busyDay })).rows;
  cliniko.control.reschedule(first?.externalId as string, DateTime.fromISO(`${busyDay}T19:30`, { zone: ZONE }).toUTC().toISO() as string);
  cliniko.control.cancel(second?.externalId as string, 'Feeling unwell');
  const requestsBefore = cliniko.stats().requests;
  const busyBox = page.locator(`[data-testid=week-day][data-date="${busyDay}"]`);
  const countBefore = Number(await busyBox.getAttribute('data-count'));

  await recordProgress(page);
  await page.getByTestId('refresh-day').click();
  await expect(page.getByTestId('day-freshness')).toContainText('Refreshed:', { timeout: 30_000 });
  await expect(page.getByTestId('day-freshness')).toContainText('2 appointments changed');
  expect((await progressSeen(page)).length).toBeGreaterThan(0);
  // A day's pages and its removals check, not a whole sync.
  expect(cliniko.stats().requests - requestsBefore).toBeLessThan(12);

  const moved = page.locator('[data-testid=day-row]').filter({ hasText: '19:30' });
  await page.getByTestId('day-scroll').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(moved.getByTestId('change-mark')).toHaveText('Rescheduled');
  await moved.getByTestId('change-mark').focus();
  await expect(page.getByRole('tooltip')).toContainText('Rescheduled');
  await screenshot(page, 'appointments-changed');
  await page.getByTestId('day-scroll').evaluate((el) => el.scrollTo({ top: 0 }));
  await expect(summary()).toContainText('1 not shown (cancelled)');
  // The week at a glance follows: one fewer expected that day.
  await expect(busyBox).toHaveAttribute('data-count', String(countBefore - 1));
});

test('is accessible in both themes at 1024 px', async () => {
  await page.setViewportSize({ width: 1024, height: 800 });
  await page.mouse.move(0, 0);
  await checkBothThemes(page, 'appointments-1024');
  await page.setViewportSize({ width: 1440, height: 900 });
});

test('prints one clean black-on-white page per practitioner, without navigation', async () => {
  await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
  const sheet = page.getByTestId('print-sheet');
  await expect(sheet).toBeVisible();
  await expect(page.locator('.sidebar')).toBeHidden();
  await expect(page.locator('.day-screen')).toBeHidden();
  const practitioners = (await client.call('appointments:day', { date: busyDay })).rows.map((r) => r.practitionerName);
  await expect(sheet.locator('.print-page')).toHaveCount(new Set(practitioners).size);
  const colours = await sheet.evaluate((el) => ({
    text: getComputedStyle(el).color,
    page: getComputedStyle(document.body).backgroundColor,
  }));
  expect(colours).toEqual({ text: 'rgb(0, 0, 0)', page: 'rgb(255, 255, 255)' });
  await screenshot(page, 'appointments-print', { full: true });
  await page.emulateMedia({ media: 'screen', colorScheme: 'light' });
  await expect(sheet).toBeHidden();
});

test('exports the day as CSV and as an iCalendar file that parses back', async () => {
  const expected = (await client.call('appointments:day', { date: busyDay })).rows;
  await page.getByTestId('day-export').click();
  const csvDownload = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const csv = await csvDownload;
  expect(csv.suggestedFilename()).toBe(`clinicsync-appointments-${busyDay}.csv`);
  const lines = readFileSync(await csv.path(), 'utf8')
    .split('\r\n')
    .filter(Boolean);
  expect(lines[0]).toMatch(/^date,start,end,patient,practitioner/);
  expect(lines).toHaveLength(expected.length + 1);

  await page.getByTestId('day-export').click();
  const icsDownload = page.waitForEvent('download');
  await page.getByTestId('export-ics').click();
  const ics = await icsDownload;
  expect(ics.suggestedFilename()).toBe(`clinicsync-appointments-${busyDay}.ics`);
  const calendar = new ICAL.Component(ICAL.parse(readFileSync(await ics.path(), 'utf8')));
  const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  expect(events).toHaveLength(expected.length);
  expect(events.map((e) => e.startDate.toJSDate().toISOString())).toEqual(expected.map((r) => r.startsAt));
  expect(events[0]?.summary).toContain(expected[0]?.patientName as string);
});

test('opens the patient from their appointment, and copies a video link', async () => {
  const first = rows().first();
  const name = (await first.locator('.patient-link').textContent()) ?? '';
  await first.locator('.patient-link').click();
  const drawer = page.getByRole('dialog', { name });
  await expect(drawer).toBeVisible();
  await expect(drawer.getByRole('list', { name: 'Upcoming appointments' }).getByRole('listitem').first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  const video = rows()
    .filter({ has: page.locator('.day-video-link') })
    .first();
  const url = (await video.locator('.day-video-link').getAttribute('href')) ?? '';
  expect(url).toMatch(/^https:\/\//);
  await video.getByRole('button', { name: /Copy the video link/ }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
});
