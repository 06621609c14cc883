import { plural } from '../pages';
import type { RunContext } from '../run-context';

/**
 * Marks appointments that vanished upstream as removed — never deletes them: those in windows pulled
 * whole this run that were not seen, and those the API lists as deleted. (Patients are reconciled by
 * the patient phase, which knows whether it saw them all.)
 */
export async function reconcilePhase(ctx: RunContext): Promise<void> {
  ctx.progress.startPhase('reconcile');
  const at = ctx.now().toISOString();
  const runStart = ctx.startedAt.toISOString();
  let removed = 0;

  for (const window of ctx.completeWindows) {
    ctx.checkpoint();
    const gone = ctx.store.appointments.idsInWindowNotSeenSince(ctx.source, window.from, window.to, runStart);
    removed += ctx.store.transaction(() => ctx.store.appointments.markRemoved(ctx.source, gone, at, ctx.runId));
  }

  if (ctx.connector.deletedAppointments) {
    const since = new Date(ctx.startedAt.getTime() - 10 * 24 * 3600_000).toISOString();
    for await (const page of ctx.connector.deletedAppointments({ since, signal: ctx.signal })) {
      ctx.checkpoint();
      const ids = page.records.map((r) => r.externalId);
      removed += ctx.store.transaction(() => ctx.store.appointments.markRemoved(ctx.source, ids, at, ctx.runId));
    }
  }
  ctx.counts.appointmentsRemoved += removed;
  ctx.log('info', `Reconciliation: ${plural(removed, 'appointment')} removed upstream, marked as removed (kept in the cache).`);
}
