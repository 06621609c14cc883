import type { RemoteAppointment } from '../../domain';
import { plural } from '../pages';
import type { RunContext } from '../run-context';

/** How many detail requests run at once, where the API allows parallel requests. */
const PARALLEL = 5;

/** A list row that the single-record endpoint can complete. */
export function needsDetail(row: Pick<RemoteAppointment, 'status' | 'cancellationReason' | 'practitionerName'>): boolean {
  return (row.status === 'cancelled' && row.cancellationReason === null) || row.practitionerName === null;
}

/**
 * Completes past appointments whose list rows lack details (a cancellation without its reason, an
 * appointment without its practitioner's name) from the single-record endpoint, five at a time.
 */
export async function enrichPhase(ctx: RunContext, candidates: RemoteAppointment[]): Promise<void> {
  ctx.progress.startPhase('enrich', candidates.length);
  const detail = ctx.connector.appointmentDetail?.bind(ctx.connector);
  if (!detail || candidates.length === 0) {
    ctx.log('info', 'Appointment details: nothing to complete.');
    return;
  }
  let done = 0;
  let completed = 0;
  for (let i = 0; i < candidates.length; i += PARALLEL) {
    ctx.checkpoint();
    const batch = candidates.slice(i, i + PARALLEL);
    const results = await Promise.all(batch.map((row) => detail(row.externalId, ctx.signal)));
    const found = results.filter((r): r is RemoteAppointment => r !== null);
    const syncedAt = ctx.now().toISOString();
    const stored = ctx.store.transaction(() => ctx.store.appointments.upsertPage(ctx.source, found, syncedAt, ctx.runId));
    completed += stored.filter((s) => s.outcome === 'updated').length;
    done += batch.length;
    ctx.progress.advance('enrich', done, candidates.length, ctx.requests());
  }
  ctx.log('info', `Appointment details: ${plural(completed, 'appointment')} completed from ${plural(done, 'detail request')}.`);
}
