import { ID_LISTS, readIdList, writeIdList } from '../id-lists';
import { plural } from '../pages';
import type { RunContext } from '../run-context';
import { backfillRemoteIds, tallyPatients } from '../tally';

/** Appointments can name patients the patient pull did not bring (new since, or not listed). */
const MAX_DISCOVERY_PER_RUN = 500;

/**
 * Patient discovery from appointments: fetches the patients appointments refer to but the cache
 * lacks, linking local patients without a remote id by email instead of duplicating them. Those not
 * fetched this run (manual discovery, or more than a run's share) wait in a list for the next one:
 * an incremental sync does not see their appointments again.
 */
export async function discoverPatients(ctx: RunContext): Promise<void> {
  const pending = readIdList(ctx, ID_LISTS.undiscoveredPatients);
  const candidates = [...new Set([...pending, ...ctx.unknownPatientIds])];
  const known = ctx.store.patients.knownExternalIds(ctx.source, candidates);
  const unknown = candidates.filter((id) => !known.has(id));
  if (unknown.length === 0 || ctx.settings.discovery === 'manual' || !ctx.connector.patientsByExternalIds) {
    writeIdList(ctx, ID_LISTS.undiscoveredPatients, unknown);
    if (unknown.length > 0)
      ctx.log('info', `${plural(unknown.length, 'patient')} seen on appointments not yet in the cache; discovery is set to manual.`);
    return;
  }
  // A budget-planned run looks up no more than its share of the daily budget allows.
  const limit = Math.min(MAX_DISCOVERY_PER_RUN, ctx.scope.plan?.discoveryLimit ?? MAX_DISCOVERY_PER_RUN);
  const batch = unknown.slice(0, limit);
  const rest = unknown.slice(limit);
  if (batch.length === 0) {
    writeIdList(ctx, ID_LISTS.undiscoveredPatients, unknown);
    ctx.log(
      'info',
      `${plural(unknown.length, 'patient')} seen on appointments not yet in the cache wait for the next sync, to keep within the daily budget.`,
    );
    return;
  }
  ctx.log('info', `Discovering ${plural(batch.length, 'patient')} seen on appointments.`);
  const page = await ctx.connector.patientsByExternalIds(batch, ctx.signal);
  const syncedAt = ctx.now().toISOString();
  const outcomes = ctx.store.transaction(() => {
    backfillRemoteIds(ctx, page.records);
    const stored = ctx.store.patients.upsertPage(ctx.source, page.records, syncedAt);
    writeIdList(ctx, ID_LISTS.undiscoveredPatients, rest);
    return stored;
  });
  tallyPatients(ctx, outcomes, true);
  ctx.recordSkipped('patient', page.errors);
  ctx.checkpoint();
  // Deleted upstream since their appointment was listed: nothing to add, and nothing wrong.
  const deleted = page.deletedIds.length;
  const missing = batch.length - page.records.length - page.errors.length - deleted;
  ctx.log(
    missing > 0 ? 'warn' : 'info',
    `Patients found on appointments: ${plural(page.records.length, 'patient')} added` +
      (deleted > 0 ? `; ${plural(deleted, 'patient')} deleted in the practice system since` : '') +
      (missing > 0 ? `; ${plural(missing, 'patient')} named on appointments could not be found in the practice system.` : '.') +
      (rest.length > 0 ? ` ${plural(rest.length, 'more patient')} will be fetched on the next sync.` : ''),
  );
}
