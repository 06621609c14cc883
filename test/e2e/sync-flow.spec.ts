/**
 * The sync, changes and history pages end to end: the real console (`clinicsync serve`) in Chromium,
 * syncing from emulated Cliniko and IntakeQ practices that this test changes through their control API.
 */
import { expect, test, type Page } from '@playwright/test';
import {
  startClinikoEmulator,
  startIntakeqEmulator,
  type ClinikoControl,
  type IntakeqControl,
  type RunningEmulator,
} from '../../electron/emulators';
import { startConsoleServer, type ConsoleServer } from './support/console-server';
import { connectContract, type ContractClient } from './support/contract-client';
import { openPage, progressSeen, recordProgress, saveScreenshot, seriousViolations } from './support/console-pages';
import { setScheme, sidewaysOverflow } from './support/console-ui';

test.describe.configure({ mode: 'serial' });

let cliniko: RunningEmulator<ClinikoControl>;
let intakeq: RunningEmulator<IntakeqControl>;
let server: ConsoleServer;
let client: ContractClient;
let northside: string;

const PATIENTS = 120;

test.beforeAll(async () => {
  // Enough latency that a sync takes a few seconds, so its progress can be watched.
  cliniko = await startClinikoEmulator({ patients: PATIENTS, seed: 7, latencyMs: { min: 120, max: 180 } });
  intakeq = await startIntakeqEmulator({
    patients: 400,
    seed: 3,
    latencyMs: { min: 60, max: 90 },
    rateLimit: { perMinute: 1000, perDay: 500 },
  });
  server = await startConsoleServer();
  client = await connectContract(server.url);
  await client.call('settings:update', { patch: { contactEmail: 'e2e@clinic.example' } });
  northside = (
    await client.call('sources:add', { kind: 'cliniko', name: 'Northside Physio', apiKey: cliniko.apiKey, baseUrl: cliniko.url })
  ).id;
});

test.afterAll(async () => {
  client?.close();
  await server?.stop();
  await cliniko?.close();
  await intakeq?.close();
});

/** Drives the emulator the way another process would: POST /__emulator/mutate with the API's own credentials. */
async function mutateCliniko(op: string, ...args: unknown[]): Promise<void> {
  const response = await fetch(`${cliniko.origin}/__emulator/mutate`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(`${cliniko.apiKey}:`).toString('base64')}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ op, args }),
  });
  expect(response.status, await response.clone().text()).toBeLessThan(300);
}

function idOf(link: { links: { self: string } }): string {
  return link.links.self.split('/').pop() ?? '';
}

async function clickSyncNow(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sync now' }).click();
}

/** Waits for the summary of a run other than `previousRunId` and returns its run id. */
async function waitForSummary(
  page: Page,
  source: string,
  previousRunId: number | null,
): Promise<{ runId: number; status: string; text: string }> {
  const summary = page
    .getByTestId('sync-summary')
    .filter({ hasText: source })
    .and(page.locator(previousRunId === null ? '[data-run-id]' : `:not([data-run-id="${previousRunId}"])`));
  await expect(summary).toBeVisible({ timeout: 45_000 });
  return {
    runId: Number(await summary.getAttribute('data-run-id')),
    status: (await summary.getAttribute('data-status')) ?? '',
    text: (await summary.getByTestId('sync-summary-text').textContent()) ?? '',
  };
}

let firstRunId: number;

test('Sync now shows live progress and activity, then a summary; the roster fills', async ({ page }, testInfo) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await openPage(page, server.url, 'sync');
  await expect(page.getByText(/^Nothing is syncing right now\./)).toBeVisible();
  const log = page.getByRole('log', { name: 'Sync activity' });
  const linesBefore = await log
    .locator('li')
    .count()
    .catch(() => 0);

  await recordProgress(page);
  await clickSyncNow(page);

  const bar = page.getByRole('progressbar', { name: 'Sync progress for Northside Physio' });
  await expect(bar).toBeVisible();
  await expect(bar).toHaveAttribute('aria-valuemin', '0');
  await expect(bar).toHaveAttribute('aria-valuemax', '100');
  // Mid-sync: the phase, step n of m and a percentage are on screen.
  await expect(page.getByTestId('sync-progress-row').getByText(/^Step \d of \d$/)).toBeVisible();
  await expect(page.getByTestId('sync-percent')).toHaveText(/^\d{1,3}%$/);
  await expect(bar).toHaveAttribute('aria-valuetext', /step \d of \d.*%/);
  await saveScreenshot(page, 'sync-in-progress-light', testInfo);

  const summary = await waitForSummary(page, 'Northside Physio', null);
  firstRunId = summary.runId;
  expect(summary.status).toBe('completed');
  const expectedPatients = cliniko.control.patients().filter((p) => p.deleted_at === null).length;
  expect(summary.text).toMatch(new RegExp(`^Synced ${expectedPatients} patients · ${expectedPatients} new · 0 updated · 0 unchanged`));
  await expect(bar).toHaveCount(0);

  // The bar moved through several values and the log grew while it did.
  const seen = await progressSeen(page);
  const values = new Set(seen.map((s) => s.split('|')[0]).filter((v) => v !== '-'));
  expect(values.size, seen.join('\n')).toBeGreaterThanOrEqual(3);
  expect(new Set(seen.map((s) => s.split('|')[1]?.split(',')[0])).size).toBeGreaterThanOrEqual(3); // several phases
  // No layout shift: the row kept one size through every update.
  expect(new Set(seen.map((s) => s.split('|')[2]).filter(Boolean)).size, seen.join('\n')).toBe(1);
  await expect(log.locator('li')).not.toHaveCount(linesBefore);
  await expect(log).toContainText(`Patients: ${expectedPatients} records checked`);
  await expect(log).toContainText(`Synced ${expectedPatients} patients`);

  // The source card and the roster show the patients.
  await expect(page.getByTestId('sync-source').filter({ hasText: 'Northside Physio' })).toContainText(
    `${expectedPatients} patients cached`,
  );
  await openPage(page, server.url, 'roster');
  await expect(page.getByTestId('roster-summary')).toContainText(`${expectedPatients} patients`);
  expect(errors).toEqual([]);
});

test('a change made upstream appears on Changes after the next sync, and History counts it', async ({ page }, testInfo) => {
  const soon = Date.now() + 2 * 86_400_000;
  const upcoming = cliniko.control
    .appointments()
    .filter((a) => a.cancelled_at === null && a.deleted_at === null && a.archived_at === null && Date.parse(a.starts_at) > soon)
    .sort((a, b) => a.starts_at.localeCompare(b.starts_at));
  const [moved, cancelled] = upcoming;
  if (!moved || !cancelled) throw new Error('the emulated practice has no upcoming appointments');
  const patientName = (a: typeof moved) => {
    const p = cliniko.control.patient(idOf(a.patient));
    return `${p.first_name} ${p.last_name}`;
  };
  const newStart = new Date(Date.parse(moved.starts_at) + 86_400_000 + 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  await mutateCliniko('reschedule', moved.id, newStart);
  await mutateCliniko('cancel', cancelled.id, 'Sick');

  await openPage(page, server.url, 'sync');
  await clickSyncNow(page);
  const summary = await waitForSummary(page, 'Northside Physio', firstRunId);
  expect(summary.status).toBe('completed');

  // Changes: the work-list holds both, with the patient, before → after, the practitioner and the
  // cancellation's reason; the nav item counts what is still to do.
  await openPage(page, server.url, 'changes');
  await expect(page.getByTestId('changes-summary')).toHaveText('2 changes still to do');
  const openCount = page.getByRole('navigation', { name: 'Main' }).getByTestId('nav-open-changes');
  await expect(openCount).toContainText('2');
  const rescheduled = page
    .getByTestId('change-row')
    .filter({ hasText: patientName(moved) })
    .and(page.locator('[data-kind="rescheduled"]'));
  await expect(rescheduled).toBeVisible();
  await expect(rescheduled).toContainText('Rescheduled');
  await expect(rescheduled.locator('.chg-before')).toHaveText(/\d{2}:\d{2}$/);
  await expect(rescheduled.locator('.chg-after')).toHaveText(/\d{2}:\d{2}$/);
  const cancelledRow = page
    .getByTestId('change-row')
    .filter({ hasText: patientName(cancelled) })
    .and(page.locator('[data-kind="cancelled"]'));
  await expect(cancelledRow).toContainText('Cancelled');
  await expect(cancelledRow).toContainText('Reason: Sick');

  // Filter by kind; tick one off as done.
  await page
    .getByRole('group', { name: 'Kinds of change' })
    .getByRole('button', { name: /^Cancelled/ })
    .click();
  await expect(page.getByTestId('change-row')).toHaveCount(1);
  await cancelledRow.getByRole('checkbox').check();
  await expect(page.getByTestId('changes-summary')).toContainText('1 done');
  await expect(openCount).toHaveText(/^1\b/);
  await page.getByRole('group', { name: 'Kinds of change' }).getByRole('button', { name: /^All/ }).click();
  await expect(page.getByTestId('change-row')).toHaveCount(2);
  await saveScreenshot(page, 'changes-worklist-light', testInfo);

  // The tick is kept in the cache: the service lists it, and it is still there after a reload. Ticks an
  // earlier version kept in this browser's storage are moved into the cache on the next load.
  const listed = await client.call('changes:list', {});
  const rowOf = (kind: string) => listed.rows.find((row) => row.kind === kind);
  expect(rowOf('cancelled')?.doneAt).not.toBeNull();
  expect(rowOf('rescheduled')?.doneAt).toBeNull();
  await page.evaluate((id) => localStorage.setItem('clinicsync.changes.done', JSON.stringify([id])), rowOf('rescheduled')?.id);
  await page.reload();
  await expect(page.getByTestId('changes-summary')).toContainText('2 done');
  await expect(cancelledRow.getByRole('checkbox')).toBeChecked();
  await expect(rescheduled.getByRole('checkbox')).toBeChecked();
  expect(await page.evaluate(() => localStorage.getItem('clinicsync.changes.done'))).toBeNull();
  expect((await client.call('changes:list', {})).rows.map((row) => row.doneAt === null)).toEqual([false, false]);
  // Hide done hides both; unticking one brings it back, for every face.
  await page.getByRole('checkbox', { name: 'Hide done' }).check();
  await expect(page.getByText('All done')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Hide done' }).uncheck();
  await rescheduled.getByRole('checkbox').uncheck();
  await expect(page.getByTestId('changes-summary')).toContainText('1 done');
  await expect.poll(async () => (await client.call('changes:list', {})).rows.find((row) => row.kind === 'rescheduled')?.doneAt).toBeNull();

  // The patient's drawer opens from the work-list.
  await rescheduled.getByRole('button', { name: patientName(moved), exact: true }).click();
  await expect(page.getByTestId('patient-drawer')).toBeVisible();
  await page.keyboard.press('Escape');

  // History: the newest row is this incremental run, with the counts the run recorded.
  const runs = await client.call('history:list', { limit: 10, offset: 0 });
  const latest = runs.rows[0];
  if (!latest) throw new Error('no runs');
  expect(latest.id).toBe(summary.runId);
  expect(latest.counts.appointmentsUpdated).toBeGreaterThanOrEqual(2);
  await openPage(page, server.url, 'history');
  const row = page.getByTestId('history-row').first();
  await expect(row).toHaveAttribute('data-run-id', String(latest.id));
  await expect(row).toContainText('Changes only');
  await expect(row).toContainText('Completed');
  await expect(row).toContainText('Manual');
  await expect(row.getByTestId('history-patients')).toContainText(`${latest.counts.patientsFound}`);
  await expect(row.getByTestId('history-appointments')).toContainText(`${latest.counts.appointmentsUpdated} updated`);
  const full = page.locator(`[data-testid="history-row"][data-run-id="${firstRunId}"]`);
  await expect(full.getByTestId('history-patients')).toContainText(`${PATIENTS}`);
  await expect(page.getByTestId('history-health')).toContainText('100%');

  // Drill down: the run's errors and activity.
  await row.getByRole('button', { name: /details of this sync/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Changes only · Northside Physio');
  await expect(dialog.getByTestId('run-activity')).toContainText('Manual sync of Northside Physio started.');
  await expect(dialog).toContainText('No errors.');
  expect(await seriousViolations(page, '[role="dialog"]')).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // CSV export downloads a file with every run.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^clinicsync-sync-history-\d{4}-\d{2}-\d{2}\.csv$/);
  await saveScreenshot(page, 'history-after-changes-light', testInfo);

  // A sync that finds nothing new does not empty the work-list: the change still to do stays, the one
  // done today stays (ticked), and "since the last sync" is one choice away.
  await openPage(page, server.url, 'sync');
  await clickSyncNow(page);
  expect((await waitForSummary(page, 'Northside Physio', summary.runId)).status).toBe('completed');
  await openPage(page, server.url, 'changes');
  await expect(page.getByTestId('changes-summary')).toHaveText('1 change still to do · 1 done today');
  await expect(page.getByTestId('change-row')).toHaveCount(2);
  await expect(openCount).toHaveText(/^1\b/);
  for (const size of [
    { width: 1440, height: 900 },
    { width: 1024, height: 700 },
  ]) {
    await page.setViewportSize(size);
    expect(await sidewaysOverflow(page), `sideways scrolling at ${size.width} px`).toEqual([]);
    for (const scheme of ['light', 'dark'] as const) {
      await setScheme(page, scheme);
      expect(await seriousViolations(page)).toEqual([]);
      await saveScreenshot(page, `changes-worklist-${size.width}-${scheme}`, testInfo);
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByLabel('Show').selectOption('last_sync');
  await expect(page.getByTestId('changes-summary')).toContainText(/^0 changes since /);
});

test('two sources: a refused start is explained, each source has its own row, Cancel stops both', async ({ page }, testInfo) => {
  await client.call('sources:add', { kind: 'intakeq', name: 'Southside Clinic', apiKey: intakeq.apiKey, baseUrl: intakeq.url });
  // Cliniko's pages come several at a time, so each of its rounds is slowed more than IntakeQ's one-by-one
  // requests: Northside is still syncing when Southside reaches IntakeQ's rate limit (its 11th request).
  cliniko.setFaults({ slowRate: 1, slowMs: 2500 });
  intakeq.setFaults({ slowRate: 1, slowMs: 500 });
  try {
    await openPage(page, server.url, 'sync');
    // Northside is already syncing (started elsewhere, e.g. by the schedule): Sync now starts Southside and says why not Northside.
    await client.call('sync:start', { sources: [northside], mode: 'full' });
    await expect(page.getByRole('progressbar', { name: 'Sync progress for Northside Physio' })).toBeVisible();
    await clickSyncNow(page);
    const refusal = page.getByRole('alert').filter({ hasText: 'The sync did not start' });
    await expect(refusal).toBeVisible();
    await expect(refusal.getByTestId('sync-refused')).toContainText('Northside Physio is already syncing');
    await expect(page.getByRole('progressbar', { name: 'Sync progress for Southside Clinic' })).toBeVisible();
    await expect(page.getByTestId('sync-progress-row')).toHaveCount(2);
    await expect(page.getByTestId('sync-budget')).toContainText(/Southside Clinic: \d+ of 500 requests used today/);
    // IntakeQ allows 10 requests a minute: the row says how long the run waits, in clinic time, and
    // the time left for the whole run, that wait included.
    const south = page.getByTestId('sync-progress-row').filter({ hasText: 'Southside Clinic' });
    await expect(south.getByTestId('sync-eta')).toHaveText(/^Waiting for the rate limit until \d{2}:\d{2}( · about .+ left)?$/, {
      timeout: 30_000,
    });
    await expect(page.getByRole('progressbar', { name: 'Sync progress for Southside Clinic' })).toHaveAttribute(
      'aria-valuetext',
      /waiting for the rate limit until \d{2}:\d{2}/i,
    );
    await saveScreenshot(page, 'sync-two-sources-light', testInfo);

    await page.getByRole('button', { name: 'Cancel all' }).click();
    const northSummary = await waitForSummary(page, 'Northside Physio', null);
    const southSummary = await waitForSummary(page, 'Southside Clinic', null);
    expect(northSummary.status).toBe('cancelled');
    expect(southSummary.status).toBe('cancelled');
    expect(northSummary.text).toContain('cancelled; what was fetched before that is kept');
    await expect(page.getByTestId('sync-progress-row')).toHaveCount(0);
    // Two summaries and an IntakeQ budget still fit a 1024 px screen.
    await page.setViewportSize({ width: 1024, height: 700 });
    expect(await sidewaysOverflow(page), 'sideways scrolling on Sync at 1024 px').toEqual([]);
    await saveScreenshot(page, 'sync-two-sources-1024-light', testInfo);
    await page.setViewportSize({ width: 1280, height: 800 });

    await openPage(page, server.url, 'history');
    await expect(page.getByTestId('history-row').first()).toContainText('Cancelled');
  } finally {
    cliniko.setFaults({});
    intakeq.setFaults({});
  }
});

test('a single operation from Advanced runs, and its summary names the mode', async ({ page }) => {
  await openPage(page, server.url, 'sync');
  await page.getByText('Advanced: single operations').click();
  await page.getByLabel('Source', { exact: true }).selectOption({ label: 'Northside Physio' });
  await page.getByRole('button', { name: 'Run upcoming appointments only' }).click();
  await expect(page.getByTestId('sync-progress-row')).toHaveCount(1);
  const summary = await waitForSummary(page, 'Northside Physio', null);
  expect(summary.status).toBe('completed');
  await expect(page.getByTestId('sync-summary').filter({ hasText: 'Northside Physio' })).toContainText('Upcoming appointments');
});

test('a source whose key stopped working: a clear failure, its error in the drill-down, and a banner after three failures', async ({
  page,
}, testInfo) => {
  const badKey = `${cliniko.apiKey.slice(0, 5)}${cliniko.apiKey[5] === 'x' ? 'y' : 'x'}${cliniko.apiKey.slice(6)}`;
  const broken = await client.call('sources:add', { kind: 'cliniko', name: 'Eastside (old key)', apiKey: badKey, baseUrl: cliniko.url });
  await openPage(page, server.url, 'sync');
  await page.getByText('Advanced: single operations').click();
  await page.getByLabel('Source', { exact: true }).selectOption({ label: 'Eastside (old key)' });
  await page.getByRole('button', { name: 'Run upcoming appointments only' }).click();
  const summary = await waitForSummary(page, 'Eastside (old key)', null);
  expect(summary.status).toBe('failed');
  expect(summary.text).toMatch(/^Sync of Eastside \(old key\) failed: .+/);
  await expect(page.getByRole('alert').filter({ hasText: 'Eastside (old key)' })).toBeVisible();

  // Twice more, as the schedule would (sync:finished can arrive a moment before the source is free again).
  const idle = async () => (await client.call('sources:list', {})).every((source) => !source.syncing);
  for (let i = 0; i < 2; i++) {
    await expect.poll(idle).toBe(true);
    await client.call('sync:start', { sources: [broken.id], mode: 'upcoming_only' });
    await expect.poll(idle).toBe(true);
  }

  await openPage(page, server.url, 'history');
  await expect(page.getByRole('alert').filter({ hasText: '3 syncs failed in the last 24 hours' })).toBeVisible();
  await expect(page.getByTestId('history-health')).toContainText('Failures, last 24 hours');
  const failed = page.getByTestId('history-row').filter({ hasText: 'Eastside (old key)' }).first();
  await expect(failed).toContainText('Failed');
  await failed.getByRole('button', { name: /details of this sync/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('run-errors')).toContainText('Key not accepted');
  // A run that failed at the door never "Synced 0 patients".
  await expect(dialog).toContainText('Stopped before any patient or appointment was fetched');
  await expect(dialog).not.toContainText('Synced');
  await page.keyboard.press('Escape');

  // Filter the runs by status.
  await page.getByLabel('Status').selectOption('failed');
  await expect(page.getByTestId('history-row')).toHaveCount(3);
  await page.getByLabel('Status').selectOption('');

  // The failure is an error wherever the source shows — the header, Sync, Settings — with its reason
  // in plain words and a Fix that opens the source.
  for (const size of [
    { width: 1440, height: 900 },
    { width: 1024, height: 700 },
  ]) {
    await page.setViewportSize(size);
    await openPage(page, server.url, 'sync');
    const chip = page.getByTestId('freshness-chip').filter({ hasText: 'Eastside (old key)' });
    await expect(chip).toContainText('The API key was refused');
    await expect(chip).toContainText('Sync failed');
    await expect(chip).toHaveClass(/problem-danger/);
    const item = page.getByTestId('sync-source').filter({ hasText: 'Eastside (old key)' });
    await expect(item.getByRole('alert')).toHaveText(/Sync failed: the API key was refused\./);
    for (const scheme of ['light', 'dark'] as const) {
      await setScheme(page, scheme);
      expect(await seriousViolations(page)).toEqual([]);
      await saveScreenshot(page, `sync-source-failing-${size.width}-${scheme}`, testInfo);
    }
  }
  await page
    .getByTestId('sync-source')
    .filter({ hasText: 'Eastside (old key)' })
    .getByRole('button', { name: 'Fix Eastside (old key)' })
    .click();
  await expect(page.getByRole('dialog', { name: 'Edit Eastside (old key)' })).toBeVisible();
  await saveScreenshot(page, 'settings-fix-source-1024', testInfo);
  await page.keyboard.press('Escape');
  const card = page.getByTestId('source-card').filter({ hasText: 'Eastside (old key)' });
  await expect(card.getByRole('alert')).toHaveText(/Sync failed: the API key was refused\./);
  // From the header's details too.
  await page.getByTestId('freshness').click();
  await page.getByRole('dialog').getByRole('button', { name: 'Fix Eastside (old key)' }).click();
  await expect(page.getByRole('dialog', { name: 'Edit Eastside (old key)' })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.setViewportSize({ width: 1280, height: 800 });
  await client.call('sources:remove', { id: broken.id });
});

for (const scheme of ['light', 'dark'] as const) {
  test(`no serious or critical accessibility findings on Sync, Changes and History (${scheme})`, async ({ page }, testInfo) => {
    await page.goto(`${server.url}#/sync`);
    await setScheme(page, scheme);
    for (const route of ['sync', 'changes', 'history'] as const) {
      await openPage(page, server.url, route);
      await page.waitForLoadState('networkidle');
      if (route === 'sync') await expect(page.getByRole('log', { name: 'Sync activity' })).toBeVisible();
      if (route === 'changes') {
        // Look back a week so the work-list has rows to check (and to show).
        await page.getByLabel('Show').selectOption('week');
        await expect(page.getByTestId('changes-summary')).toContainText(/^[\d,]+ changes since /);
        await expect(page.getByTestId('change-row').first()).toBeVisible();
      }
      if (route === 'history') await expect(page.getByTestId('history-table')).toBeVisible();
      expect(await seriousViolations(page), `${route} (${scheme})`).toEqual([]);
      await saveScreenshot(page, `${route}-${scheme}`, testInfo);
    }
  });
}
