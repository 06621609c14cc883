import type { Page } from '../../connectors/types';
import { plural } from '../pages';
import type { RunContext } from '../run-context';
import { tallyPatients } from '../tally';

/**
 * Listings paged by offset can skip a row when another one vanishes between two pages. When only a
 * few patients went unseen, each is looked up before it is marked removed; more than this is a real
 * clear-out upstream, and looking each one up would cost too many requests.
 */
export const MAX_VERIFIED = 20;

/**
 * After a pull of every patient: those in the cache that the pull did not bring are gone upstream.
 * They are marked removed (never deleted, so their local notes and organizations stay).
 */
export async function removeUnseenPatients(ctx: RunContext): Promise<void> {
  if (ctx.skipped.unnamed.patient) {
    // An unreadable row without an id could be any cached patient: none is taken for removed.
    ctx.log('warn', 'Some patients could not be read, so patients missing from the list are checked again next time.');
    return;
  }
  // Patients listed but unreadable this time are still there.
  const unseen = ctx.store.patients.idsNotSeenSince(ctx.source, ctx.startedAt.toISOString()).filter((id) => !ctx.skipped.patient.has(id));
  if (unseen.length === 0) return;
  let gone = unseen;
  if (unseen.length <= MAX_VERIFIED && ctx.connector.patientsByExternalIds) {
    const page = await ctx.connector.patientsByExternalIds(unseen, ctx.signal);
    const syncedAt = ctx.now().toISOString();
    const outcomes = ctx.store.transaction(() => ctx.store.patients.upsertPage(ctx.source, page.records, syncedAt));
    tallyPatients(ctx, outcomes);
    ctx.checkpoint();
    const found = new Set([...page.records.map((r) => r.externalId), ...page.errors.map((e) => e.externalId)]);
    gone = unseen.filter((id) => !found.has(id));
  }
  markGone(ctx, gone);
}

/** Patients the API lists as deleted (IntakeQ keeps them listed for about ten days). */
export async function removeDeletedPatients(ctx: RunContext, pages: AsyncIterable<Page<{ externalId: string }>>): Promise<void> {
  const ids: string[] = [];
  for await (const page of pages) {
    ctx.checkpoint();
    ids.push(...page.records.map((r) => r.externalId));
  }
  const known = ctx.store.patients.knownExternalIds(ctx.source, ids);
  markGone(
    ctx,
    ids.filter((id) => known.has(id)),
  );
}

/**
 * Marks these patients removed upstream, and their live appointments with them (a deleted patient's
 * visits do not happen). Ids the cache does not hold are skipped: nothing to mark.
 */
export function markGone(ctx: RunContext, ids: readonly string[]): void {
  if (ids.length === 0) return;
  const at = ctx.now().toISOString();
  const { patients, appointments } = ctx.store.transaction(() => ({
    patients: ctx.store.patients.markRemoved(ctx.source, ids, at),
    appointments: ctx.store.appointments.markRemovedOfPatients(ctx.source, ids, at, ctx.runId),
  }));
  ctx.counts.patientsRemoved += patients;
  ctx.counts.appointmentsRemoved += appointments;
  if (patients > 0)
    ctx.log(
      'info',
      `${plural(patients, 'patient')} deleted in ${ctx.serviceName}, marked as removed (kept in the cache with their local notes)` +
        (appointments > 0 ? `, with ${plural(appointments, 'appointment')} of theirs.` : '.'),
    );
}

/** After a complete pull, or with the API's own total: does the cache hold as many patients as the API has? */
export function checkCount(ctx: RunContext, remoteTotal: number): void {
  const local = ctx.store.patients.count(ctx.source).total;
  const of = `${local.toLocaleString('en-US')} of ${remoteTotal.toLocaleString('en-US')} patients`;
  if (local === remoteTotal) {
    ctx.countCheck = `${of}, matches ${ctx.serviceName}`;
    ctx.log('info', `Count check: ${ctx.countCheck}.`);
    return;
  }
  const difference = remoteTotal - local;
  ctx.countCheck = `${of}: ${difference > 0 ? `${plural(difference, 'patient')} missing from the cache` : `${plural(-difference, 'extra patient')} in the cache`}`;
  ctx.log('warn', `Count check: ${ctx.countCheck}.`);
}
