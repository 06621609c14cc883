import { nextCursor, laterOf } from '../cursor';
import { formatInstant, plural, withLast } from '../pages';
import type { RunContext } from '../run-context';
import { backfillRemoteIds, tallyPatients } from '../tally';

const RESOURCE = 'patients';

/** Pulls patients changed since the cursor (all of them on a full run) and checks the count. */
export async function patientsPhase(ctx: RunContext): Promise<void> {
  const { store, source } = ctx;
  const cursor = ctx.full ? null : store.cursors.get(source, RESOURCE);
  if (cursor) ctx.cursorBefore[RESOURCE] = cursor;
  ctx.progress.startPhase('patients');
  ctx.log('info', cursor ? `Fetching patients changed since ${formatInstant(cursor)}.` : 'Fetching every patient.');

  let done = 0;
  let total: number | null = null;
  let newest: string | null = null;
  let linked = 0;
  for await (const { item: page, last } of withLast(ctx.connector.patients({ updatedSince: cursor, signal: ctx.signal }))) {
    ctx.checkpoint();
    total = page.totalEntries ?? total;
    newest = laterOf(newest, page.maxRemoteUpdatedAt);
    const syncedAt = ctx.now().toISOString();
    const next = last ? nextCursor(ctx.startedAt, newest, cursor) : null;
    const outcomes = store.transaction(() => {
      linked += backfillRemoteIds(ctx, page.records);
      const result = store.patients.upsertPage(source, page.records, syncedAt);
      if (next && next !== cursor) store.cursors.set(source, RESOURCE, next);
      return result;
    });
    if (next && next !== cursor) ctx.cursorAfter[RESOURCE] = next;
    tallyPatients(ctx, outcomes);
    ctx.recordSkipped('patient', page.errors);
    done += page.records.length + page.errors.length;
    ctx.progress.advance(done, total, ctx.requests());
  }

  const c = ctx.counts;
  ctx.log(
    'info',
    `Patients: ${plural(done, 'record')} checked — ${c.patientsNew} new, ${c.patientsUpdated} updated, ${c.patientsUnchanged} unchanged` +
      `${c.patientsFailed ? `, ${c.patientsFailed} could not be read` : ''}${linked ? `, ${linked} linked to existing local patients by email` : ''}.`,
  );
  if (!cursor && total !== null) checkCount(ctx, total);
}

/** After a complete pull: does the cache hold as many patients as the API says it has? */
function checkCount(ctx: RunContext, remoteTotal: number): void {
  const local = ctx.store.patients.count(ctx.source).total;
  if (local === remoteTotal) {
    ctx.countCheck = `${local.toLocaleString('en-US')} of ${remoteTotal.toLocaleString('en-US')} patients, matches ${ctx.sourceName}`;
    ctx.log('info', `Count check: ${ctx.countCheck}.`);
  } else {
    const difference = remoteTotal - local;
    ctx.countCheck =
      `${local.toLocaleString('en-US')} of ${remoteTotal.toLocaleString('en-US')} patients: ` +
      (difference > 0 ? `${plural(difference, 'patient')} missing from the cache` : `${plural(-difference, 'extra patient')} in the cache`);
    ctx.log('warn', `Count check: ${ctx.countCheck}.`);
  }
}
