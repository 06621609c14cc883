import { plural } from '../pages';
import type { RunContext } from '../run-context';
import { resolveUnseen } from './unlisted-appointments';

/**
 * Marks appointments that vanished upstream as removed — never deletes them: those the API lists as
 * deleted, and those in windows pulled whole this run that were not seen and are not found by id
 * (found ones moved out of the window, and are stored at their new time). (Patients are reconciled by the patient
 * phase, which knows whether it saw them all.)
 */
export async function reconcilePhase(ctx: RunContext): Promise<void> {
  ctx.progress.startPhase('reconcile');
  const at = ctx.now().toISOString();
  const runStart = ctx.startedAt.toISOString();
  let removed = 0;

  // First, so that appointments the API lists as deleted are not looked up one by one.
  if (ctx.connector.deletedAppointments) {
    const since = new Date(ctx.startedAt.getTime() - 10 * 24 * 3600_000).toISOString();
    for await (const page of ctx.connector.deletedAppointments({ since, signal: ctx.signal })) {
      const ids = page.records.map((r) => r.externalId);
      removed += ctx.store.transaction(() => ctx.store.appointments.markRemoved(ctx.source, ids, at, ctx.runId));
      ctx.checkpoint();
    }
  }

  let unseen: string[] = [];
  if (ctx.skipped.unnamed.appointment && ctx.completeWindows.length > 0) {
    // An unreadable row without an id could be any cached appointment: none is taken for removed.
    ctx.log('warn', 'Some appointments could not be read, so appointments missing from the lists are checked again next time.');
  } else {
    unseen = ctx.completeWindows
      .flatMap((window) => ctx.store.appointments.idsInWindowNotSeenSince(ctx.source, window.from, window.to, runStart))
      // Appointments listed but unreadable this time are still there.
      .filter((id) => !ctx.skipped.appointment.has(id));
  }
  const gone = await resolveUnseen(ctx, unseen);
  removed += ctx.store.transaction(() => ctx.store.appointments.markRemoved(ctx.source, gone, at, ctx.runId));
  ctx.checkpoint();

  ctx.counts.appointmentsRemoved += removed;
  ctx.log(
    'info',
    `Check for deleted records: ${plural(removed, 'appointment')} deleted in the practice system, marked “Deleted at source” (kept in the cache).`,
  );
}
