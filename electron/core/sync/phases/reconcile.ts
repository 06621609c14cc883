import { plural } from '../pages';
import type { RunContext } from '../run-context';

/**
 * Marks what vanished upstream as removed — never deletes it: appointments in windows pulled whole
 * this run that were not seen, appointments the API lists as deleted, and, after a complete patient
 * pull, patients that were not seen.
 */
export async function reconcilePhase(ctx: RunContext, patientsPulledWhole: boolean): Promise<void> {
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

  let patientsRemoved = 0;
  if (patientsPulledWhole) {
    const gone = ctx.store.patients.idsNotSeenSince(ctx.source, runStart);
    ctx.store.transaction(() => ctx.store.patients.markRemoved(ctx.source, gone, at));
    patientsRemoved = gone.length;
  }
  ctx.log(
    'info',
    `Reconciliation: ${plural(removed, 'appointment')}${patientsPulledWhole ? ` and ${plural(patientsRemoved, 'patient')}` : ''} removed upstream, marked as removed (kept in the cache).`,
  );
}
