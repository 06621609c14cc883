import { plural } from '../pages';
import type { RunContext } from '../run-context';
import { backfillRemoteIds, tallyPatients } from '../tally';

/** Appointments can name patients the patient pull did not bring (new since, or not listed). */
const MAX_DISCOVERY_PER_RUN = 500;

/**
 * Patient discovery from appointments: fetches the patients appointments refer to but the cache
 * lacks, linking local patients without a remote id by email instead of duplicating them.
 */
export async function discoverPatients(ctx: RunContext): Promise<void> {
  const unknown = [...ctx.unknownPatientIds].filter((id) => !ctx.store.patients.knownExternalIds(ctx.source, [id]).has(id));
  if (unknown.length === 0) return;
  if (ctx.settings.discovery === 'manual' || !ctx.connector.patientsByExternalIds) {
    ctx.log('info', `${plural(unknown.length, 'appointment patient')} not yet in the cache; discovery is set to manual.`);
    return;
  }
  const batch = unknown.slice(0, MAX_DISCOVERY_PER_RUN);
  ctx.log('info', `Discovering ${plural(batch.length, 'patient')} seen on appointments.`);
  const page = await ctx.connector.patientsByExternalIds(batch, ctx.signal);
  const syncedAt = ctx.now().toISOString();
  const outcomes = ctx.store.transaction(() => {
    backfillRemoteIds(ctx, page.records);
    return ctx.store.patients.upsertPage(ctx.source, page.records, syncedAt);
  });
  tallyPatients(ctx, outcomes, true);
  ctx.checkpoint();
  ctx.recordSkipped('patient', page.errors);
  const missing = batch.length - page.records.length - page.errors.length;
  ctx.log(
    missing > 0 ? 'warn' : 'info',
    `Discovery: ${plural(page.records.length, 'patient')} added from appointments` +
      (missing > 0 ? `; ${plural(missing, 'patient')} named on appointments could not be found upstream.` : '.') +
      (unknown.length > batch.length ? ` ${unknown.length - batch.length} more will be fetched on the next sync.` : ''),
  );
}
