import type { Page } from '../../connectors/types';
import type { RemoteAppointment } from '../../domain';
import { plural } from '../pages';
import type { RunContext } from '../run-context';
import { MAX_VERIFIED } from './patient-removals';

// Paging by offset can skip a row, and an appointment moved out of a window is missing from it too:
// when at most MAX_VERIFIED went unseen, each is looked up by id before it is taken for removed.

/**
 * Marks appointments that vanished upstream as removed — never deletes them: those in windows pulled
 * whole this run that were not seen (and are not found by id), and those the API lists as deleted.
 * (Patients are reconciled by the patient phase, which knows whether it saw them all.)
 */
export async function reconcilePhase(ctx: RunContext): Promise<void> {
  ctx.progress.startPhase('reconcile');
  const at = ctx.now().toISOString();
  const runStart = ctx.startedAt.toISOString();
  let removed = 0;

  if (ctx.skipped.unnamed.appointment && ctx.completeWindows.length > 0) {
    // An unreadable row without an id could be any cached appointment: none is taken for removed.
    ctx.log('warn', 'Some appointments could not be read, so appointments missing from the lists are checked again next time.');
  } else {
    for (const window of ctx.completeWindows) {
      const unseen = ctx.store.appointments.idsInWindowNotSeenSince(ctx.source, window.from, window.to, runStart);
      // Appointments listed but unreadable this time are still there.
      const gone = await notFoundUpstream(
        ctx,
        unseen.filter((id) => !ctx.skipped.appointment.has(id)),
      );
      removed += ctx.store.transaction(() => ctx.store.appointments.markRemoved(ctx.source, gone, at, ctx.runId));
      ctx.checkpoint();
    }
  }

  if (ctx.connector.deletedAppointments) {
    const since = new Date(ctx.startedAt.getTime() - 10 * 24 * 3600_000).toISOString();
    for await (const page of ctx.connector.deletedAppointments({ since, signal: ctx.signal })) {
      const ids = page.records.map((r) => r.externalId);
      removed += ctx.store.transaction(() => ctx.store.appointments.markRemoved(ctx.source, ids, at, ctx.runId));
      ctx.checkpoint();
    }
  }
  ctx.counts.appointmentsRemoved += removed;
  ctx.log('info', `Reconciliation: ${plural(removed, 'appointment')} removed upstream, marked as removed (kept in the cache).`);
}

/** Of the unseen appointments, those the API does not have any more; the others are stored as they are now. */
async function notFoundUpstream(ctx: RunContext, unseen: string[]): Promise<string[]> {
  if (unseen.length === 0 || unseen.length > MAX_VERIFIED) return unseen;
  const found = await lookUp(ctx, unseen);
  if (found === null) return unseen;
  const syncedAt = ctx.now().toISOString();
  const outcomes = ctx.store.transaction(() => ctx.store.appointments.upsertPage(ctx.source, found.records, syncedAt, ctx.runId));
  for (const { outcome, becameCancelled } of outcomes) {
    if (outcome === 'updated') ctx.counts.appointmentsUpdated++;
    else if (outcome === 'unchanged') ctx.counts.appointmentsUnchanged++;
    if (becameCancelled) ctx.counts.appointmentsCancelled++;
  }
  ctx.recordSkipped('appointment', found.errors);
  const there = new Set([...found.records.map((r) => r.externalId), ...found.errors.map((e) => e.externalId)]);
  return unseen.filter((id) => !there.has(id));
}

async function lookUp(ctx: RunContext, ids: string[]): Promise<Pick<Page<RemoteAppointment>, 'records' | 'errors'> | null> {
  const { connector } = ctx;
  if (connector.appointmentsByExternalIds) return connector.appointmentsByExternalIds(ids, ctx.signal);
  if (!connector.appointmentDetail) return null;
  const records: RemoteAppointment[] = [];
  for (const id of ids) {
    const record = await connector.appointmentDetail(id, ctx.signal);
    if (record) records.push(record);
  }
  return { records, errors: [] };
}
