import type { RemotePatient } from '../../domain';
import type { Page } from '../../connectors/types';
import { DELETIONS_VISIBLE_MS, laterOf, nextCursor } from '../cursor';
import { formatInstant, plural, withLast } from '../pages';
import type { RunContext } from '../run-context';
import { ID_LISTS, readIdList, writeIdList } from '../id-lists';
import { backfillRemoteIds, tallyPatients } from '../tally';
import { checkCount, markGone, removeDeletedPatients, removeUnseenPatients } from './patient-removals';

const RESOURCE = 'patients';

/**
 * Brings the patients up to date: those changed since the cursor (all of them on a full run), then
 * whatever was deleted upstream — from the API's deletion listing, or, where the API gives a total
 * instead (Cliniko), by pulling everything when the counts disagree and marking who is gone.
 */
export async function patientsPhase(ctx: RunContext): Promise<void> {
  let cursor = ctx.full ? null : ctx.store.cursors.get(ctx.source, RESOURCE);
  if (cursor && ctx.connector.deletedPatients && ctx.startedAt.getTime() - Date.parse(cursor) > DELETIONS_VISIBLE_MS) {
    ctx.log(
      'info',
      `The last patient sync was before ${formatInstant(cursor, ctx.settings.timeZone)}, longer ago than deletions stay listed: checking every patient.`,
    );
    cursor = null;
  }
  if (cursor) ctx.cursorBefore[RESOURCE] = cursor;
  ctx.progress.startPhase('patients');
  ctx.log('info', cursor ? `Fetching patients changed since ${formatInstant(cursor, ctx.settings.timeZone)}.` : 'Fetching every patient.');

  const retried = cursor === null ? new Set<string>() : await retrySkipped(ctx);
  const first = await pullPatients(ctx, cursor, retried);
  if (cursor === null) {
    await removeUnseenPatients(ctx);
    if (first.total !== null) checkCount(ctx, first.total);
  } else {
    if (ctx.connector.deletedPatients) await removeDeletedPatients(ctx, ctx.connector.deletedPatients({ signal: ctx.signal }));
    if (ctx.connector.patientTotal) await compareTotals(ctx, new Set([...retried, ...first.seen]));
  }
  // A first load's patients are all in: the roster's indexes it left out are built while the run waits.
  ctx.idle.add(() => ctx.store.patients.finishFirstLoad(ctx.runId));
}

/**
 * At the end of every run: the patients it could not read are asked for again next time (with those
 * of earlier runs, unless this run already asked for them).
 */
export function rememberUnreadablePatients(ctx: RunContext): void {
  const earlier = ctx.retriedUnreadablePatients ? [] : readIdList(ctx, ID_LISTS.unreadablePatients);
  writeIdList(ctx, ID_LISTS.unreadablePatients, [...earlier, ...ctx.skipped.patient]);
}

/** Cliniko: its count against the cache's; when they differ, every patient is pulled and the missing marked removed. */
async function compareTotals(ctx: RunContext, seen: Set<string>): Promise<void> {
  const connector = ctx.connector;
  if (!connector.patientTotal) return;
  const remoteTotal = await connector.patientTotal(ctx.signal);
  ctx.checkpoint();
  // Listed but unreadable, and so not in the cache: counted upstream, and read again next time.
  const skipped = [...ctx.skipped.patient];
  const unreadable = skipped.length - ctx.store.patients.knownExternalIds(ctx.source, skipped).size;
  if (ctx.store.patients.count(ctx.source).total + unreadable === remoteTotal) {
    checkCount(ctx, remoteTotal);
    return;
  }
  ctx.log('info', `${ctx.serviceName} lists ${plural(remoteTotal, 'patient')}, which differs from the cache: checking every patient.`);
  const whole = await pullPatients(ctx, null, seen);
  await removeUnseenPatients(ctx);
  checkCount(ctx, whole.total ?? remoteTotal);
}

/** Patients a previous run could not read are asked for by id, before the listing moves on. */
async function retrySkipped(ctx: RunContext): Promise<Set<string>> {
  const ids = readIdList(ctx, ID_LISTS.unreadablePatients);
  ctx.retriedUnreadablePatients = true;
  if (ids.length === 0 || !ctx.connector.patientsByExternalIds) return new Set();
  ctx.log('info', `Reading again ${plural(ids.length, 'patient')} the last sync could not read.`);
  const page = await ctx.connector.patientsByExternalIds(ids, ctx.signal);
  const syncedAt = ctx.now().toISOString();
  const outcomes = ctx.store.transaction(() => {
    backfillRemoteIds(ctx, page.records);
    return ctx.store.patients.upsertPage(ctx.source, page.records, syncedAt);
  });
  tallyPatients(ctx, outcomes);
  markGone(ctx, page.deletedIds);
  ctx.recordSkipped('patient', page.errors);
  ctx.checkpoint();
  return new Set(outcomes.map((o) => o.externalId));
}

interface Pulled {
  total: number | null;
  /** Remote ids read, so a second pass in the same run does not count them twice. */
  seen: Set<string>;
}

/** One pass over the patient listing, each page stored in its own transaction with the cursor on the last. */
async function pullPatients(ctx: RunContext, cursor: string | null, alreadyCounted: ReadonlySet<string>): Promise<Pulled> {
  const { store, source } = ctx;
  const seen = new Set<string>();
  let done = 0;
  let total: number | null = null;
  let newest: string | null = null;
  let linked = 0;
  let unnamed = false;
  const before = { ...ctx.counts };
  const pages: AsyncIterable<Page<RemotePatient>> = ctx.connector.patients({ updatedSince: cursor, signal: ctx.signal });
  for await (const { item: page, last } of withLast(pages)) {
    total = page.totalEntries ?? total;
    newest = laterOf(newest, page.maxRemoteUpdatedAt);
    const syncedAt = ctx.now().toISOString();
    // Unreadable rows without an id cannot be asked for again by id: the cursor stays, to list them again.
    unnamed ||= page.errors.some((error) => error.externalId === null);
    // Only the last page moves the cursor, so only it needs the stored one.
    const previous = last && !unnamed ? store.cursors.get(source, RESOURCE) : null;
    const next = last && !unnamed ? nextCursor(ctx.startedAt, newest, previous) : null;
    const outcomes = store.transaction(() => {
      linked += backfillRemoteIds(ctx, page.records);
      const result = store.patients.upsertPage(source, page.records, syncedAt, ctx.runId);
      if (next && next !== previous) store.cursors.set(source, RESOURCE, next);
      return result;
    });
    if (next && next !== previous) ctx.cursorAfter[RESOURCE] = next;
    tallyPatients(
      ctx,
      outcomes.filter((o) => !alreadyCounted.has(o.externalId)),
    );
    for (const record of page.records) seen.add(record.externalId);
    markGone(ctx, page.deletedIds);
    ctx.recordSkipped('patient', page.errors);
    done += page.records.length + page.errors.length + page.deletedIds.length;
    ctx.progress.advance('patients', done, total, ctx.requests());
    // Between pages: a cancellation stops here, after the page in hand was stored.
    ctx.checkpoint();
  }

  const c = ctx.counts;
  ctx.log(
    'info',
    `Patients: ${plural(done, 'record')} checked — ${c.patientsNew - before.patientsNew} new, ${c.patientsUpdated - before.patientsUpdated} updated, ` +
      `${c.patientsUnchanged - before.patientsUnchanged} unchanged` +
      `${c.patientsFailed > before.patientsFailed ? `, ${c.patientsFailed - before.patientsFailed} could not be read` : ''}` +
      `${linked ? `, ${linked} linked to existing local patients by email` : ''}.`,
  );
  return { total, seen };
}
