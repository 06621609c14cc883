import { formatInstant, plural } from '../pages';
import type { RunContext } from '../run-context';
import { tallyAppointments } from '../tally';
import { noteUnknownPatients } from './appointments';

/**
 * "Refresh this day": pulls one clinic day's appointments whole, page by page, each page in its own
 * transaction. No cursor is read or moved (the next incremental sync still asks for everything changed
 * since its own cursor); the day counts as pulled whole, so the reconcile phase marks what vanished.
 */
export async function dayPhase(ctx: RunContext): Promise<void> {
  const window = ctx.scope.window;
  if (!window) throw new Error('A day refresh needs the day it refreshes.');
  ctx.progress.startPhase('appointments_day');
  ctx.log(
    'info',
    `Fetching every appointment from ${formatInstant(window.from, ctx.settings.timeZone)} to ${formatInstant(window.to, ctx.settings.timeZone)}.`,
  );
  const before = { ...ctx.counts };
  let done = 0;
  for await (const page of ctx.connector.appointments({ from: window.from, to: window.to, updatedSince: null, signal: ctx.signal })) {
    const syncedAt = ctx.now().toISOString();
    const { stored, removed } = ctx.store.transaction(() => ({
      stored: ctx.store.appointments.upsertPage(ctx.source, page.records, syncedAt, ctx.runId),
      removed: ctx.store.appointments.markRemoved(ctx.source, page.deletedIds, syncedAt, ctx.runId),
    }));
    ctx.counts.appointmentsRemoved += removed;
    noteUnknownPatients(ctx, page.records);
    tallyAppointments(ctx, stored);
    ctx.recordSkipped('appointment', page.errors);
    done += page.records.length + page.errors.length + page.deletedIds.length;
    ctx.progress.advance('appointments_day', done, null, ctx.requests());
    ctx.checkpoint();
  }
  // Rows that could not be read keep the reconcile phase from taking their cached copies for removed.
  ctx.completeWindows.push({ from: window.from, to: window.to });
  const c = ctx.counts;
  ctx.log(
    'info',
    `The day’s appointments: ${plural(done, 'record')} checked — ${c.appointmentsNew - before.appointmentsNew} new, ` +
      `${c.appointmentsUpdated - before.appointmentsUpdated} updated, ${c.appointmentsUnchanged - before.appointmentsUnchanged} unchanged.`,
  );
}
