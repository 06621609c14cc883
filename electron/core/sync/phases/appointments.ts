import type { Page } from '../../connectors/types';
import type { RemoteAppointment } from '../../domain';
import { DELETIONS_VISIBLE_MS, laterOf, nextCursor } from '../cursor';
import { spareRequests } from '../budget-room';
import { formatInstant, plural, withLast } from '../pages';
import type { RunContext } from '../run-context';
import { tallyAppointments } from '../tally';
import { readWindowCursor, type WindowCursor } from '../window-cursor';
import type { Window } from '../windows';
import { needsDetail } from './enrich';

/** Without a deletion listing, a window is still pulled whole and reconciled once a day, whatever the counts say. */
const SWEEP_EVERY_MS = 24 * 3600_000;
/** "Live appointments not seen since the end of time": every live one in the window. */
const END_OF_TIME = '9999-12-31T23:59:59.999Z';
type Pull = { from: string | null; to: string | null; updatedSince: string | null };

/** With a daily budget short of room, changes to upcoming appointments are asked for this far past the window's end. */
const CHANGES_BEYOND_MS = 30 * 86_400_000;

/**
 * Changes are asked for with the window's outer side open (past: no start; upcoming: no end), so an
 * appointment moved from inside the window to before its start or past its end comes back with its
 * new time instead of staying at its old one. The two pulls still split at the shared edge, so none
 * is read twice. The price: changes to appointments far out come back too (IntakeQ filters changes
 * by whole days; only the cached ones among them are kept), so when a daily budget has no room to
 * spare the upcoming pull stops 30 days past the window and says so.
 */
function changesPull(ctx: RunContext, window: Window, updatedSince: string): Pull {
  if (window.phase === 'appointments_back') return { from: null, to: window.to, updatedSince };
  if (spareRequests(ctx) > 0) return { from: window.from, to: null, updatedSince };
  const to = new Date(Date.parse(window.to) + CHANGES_BEYOND_MS).toISOString();
  ctx.log(
    'info',
    `${ctx.serviceName}'s daily budget is nearly spent: changes are asked for up to ${formatInstant(to, ctx.settings.timeZone)} only; ` +
      'an appointment moved further out keeps its old time until a full sync looks it up.',
  );
  return { from: window.from, to, updatedSince };
}

function readCursor(ctx: RunContext, phase: Window['phase']): WindowCursor | null {
  return readWindowCursor(ctx.store, ctx.source, phase);
}

/** Why this run pulls the window whole (a sweep, then reconciled), or null to pull only changes. */
function sweepReason(ctx: RunContext, cursor: WindowCursor | null): string | null {
  const { connector, startedAt } = ctx;
  if (ctx.full) return 'full';
  if (!connector.capabilities.hardDeletesVisible && !connector.appointmentTotal) return 'no deletion listing';
  if (!cursor) return 'first';
  const age = (iso: string | undefined) => startedAt.getTime() - Date.parse(iso ?? '');
  if (connector.capabilities.hardDeletesVisible && age(cursor.updatedSince) > DELETIONS_VISIBLE_MS) return 'deletions no longer listed';
  if (!connector.capabilities.hardDeletesVisible && !(age(cursor.sweptAt) <= SWEEP_EVERY_MS)) return 'daily check';
  return null;
}

/**
 * Pulls one appointment window. With a cursor, only appointments changed since are pulled, plus the
 * days the window newly covers; removals are then seen from the API's deletion listing (IntakeQ) or,
 * where the API can count instead (Cliniko), by comparing its count with the cache's and pulling the
 * window whole when they differ. Otherwise the whole window is pulled, and later reconciled.
 */
export async function appointmentsPhase(ctx: RunContext, window: Window): Promise<void> {
  ctx.progress.startPhase(window.phase);
  const stored = readCursor(ctx, window.phase);
  if (stored && !ctx.full) ctx.cursorBefore[window.phase] = JSON.stringify(stored);
  const label = window.phase === 'appointments_back' ? 'past' : 'upcoming';
  // This window's own tallies: the other window may be filling the run's counts at the same time.
  const progress: WindowTally = { done: 0, new: 0, updated: 0, unchanged: 0 };
  const reason = sweepReason(ctx, stored);

  let counted = new Set<string>();
  if (reason === null && stored) {
    ctx.log('info', `Fetching ${label} appointments changed since ${formatInstant(stored.updatedSince, ctx.settings.timeZone)}.`);
    const pulls: Pull[] = [changesPull(ctx, window, stored.updatedSince)];
    if (stored.windowEnd < window.to)
      pulls.push({ from: laterOf(stored.windowEnd, window.from) ?? window.from, to: window.to, updatedSince: null });
    const changes = await pullWindow(ctx, window, pulls, { ...stored }, progress, new Set());
    counted = changes.counted;
    if (ctx.connector.appointmentTotal && !ctx.connector.capabilities.hardDeletesVisible) {
      const remote = await ctx.connector.appointmentTotal({ from: window.from, to: window.to, signal: ctx.signal });
      const cached = new Set(ctx.store.appointments.idsInWindowNotSeenSince(ctx.source, window.from, window.to, END_OF_TIME));
      // Listed but unreadable, and so not in the cache: counted upstream, and read again next time.
      const unreadable = [...changes.skipped].filter((id) => !cached.has(id)).length;
      ctx.checkpoint();
      if (remote !== cached.size + unreadable) {
        const local = cached.size;
        ctx.log(
          'info',
          `${ctx.serviceName} lists ${plural(remote, `${label} appointment`)}, the cache ${local}: checking every one of them.`,
        );
        await sweep(ctx, window, label, progress, counted);
      }
    }
  } else {
    await sweep(ctx, window, label, progress, counted);
  }

  ctx.log(
    'info',
    `${label === 'past' ? 'Past' : 'Upcoming'} appointments: ${plural(progress.done, 'record')} checked — ` +
      `${progress.new} new, ${progress.updated} updated, ${progress.unchanged} unchanged.`,
  );
}

/** Records read in one window, and how storing them went. */
interface WindowTally {
  done: number;
  new: number;
  updated: number;
  unchanged: number;
}

/** The whole window, which the reconcile phase may then compare with the cache. */
async function sweep(ctx: RunContext, window: Window, label: string, progress: WindowTally, counted: ReadonlySet<string>): Promise<void> {
  ctx.log(
    'info',
    `Fetching every ${label} appointment from ${formatInstant(window.from, ctx.settings.timeZone)} to ${formatInstant(window.to, ctx.settings.timeZone)}.`,
  );
  const previous = readCursor(ctx, window.phase);
  const base = { updatedSince: previous?.updatedSince ?? '', windowEnd: window.to, sweptAt: ctx.startedAt.toISOString() };
  await pullWindow(ctx, window, [{ from: window.from, to: window.to, updatedSince: null }], base, progress, counted);
  ctx.completeWindows.push({ from: window.from, to: window.to });
  // A first load's upcoming appointments are all in: its patients' next appointments are worked out while the run waits.
  if (window.phase === 'appointments_forward')
    ctx.idle.add(() => ctx.store.appointments.settleNextAppointments(ctx.source, ctx.runId, ctx.now().toISOString()));
}

/**
 * Runs the pulls in order, each page in its own transaction; the last page of the last pull also
 * writes the window's cursor. Returns the ids it counted, so a second pass does not count them again.
 */
async function pullWindow(
  ctx: RunContext,
  window: Window,
  pulls: Pull[],
  cursorBase: WindowCursor,
  progress: WindowTally,
  alreadyCounted: ReadonlySet<string>,
): Promise<{ counted: Set<string>; skipped: Set<string> }> {
  const counted = new Set<string>();
  const skipped = new Set<string>();
  let unreadable = false;
  let newest: string | null = null;
  for (const [index, pull] of pulls.entries()) {
    const finalPull = index === pulls.length - 1;
    const pages = ctx.connector.appointments({ ...pull, signal: ctx.signal });
    for await (const { item: listed, last } of withLast(pages)) {
      // Outside the window, only appointments the cache already holds matter: they moved out of it.
      const page = { ...listed, records: listed.records.filter((r) => withinOrCached(ctx, window, r)) };
      newest = laterOf(newest, page.maxRemoteUpdatedAt);
      for (const error of page.errors) {
        if (error.externalId === null) unreadable = true;
        else skipped.add(error.externalId);
      }
      let next: WindowCursor | null = null;
      if (last && finalPull) {
        // Records that could not be read are read again next time: the cursor stays where it was.
        const held = unreadable || skipped.size > 0;
        const updatedSince = held ? cursorBase.updatedSince || null : nextCursor(ctx.startedAt, newest, cursorBase.updatedSince || null);
        if (updatedSince) next = { ...cursorBase, updatedSince, windowEnd: window.to };
      }
      const { stored, removed } = storePage(ctx, window, page, next);
      ctx.counts.appointmentsRemoved += removed;
      noteUnknownPatients(ctx, page.records);
      if (window.phase === 'appointments_back') noteEnrichCandidates(ctx, page.records);
      const fresh = stored.filter((s) => !alreadyCounted.has(s.externalId));
      tallyAppointments(ctx, fresh);
      for (const { outcome } of fresh) progress[outcome]++;
      for (const s of stored) counted.add(s.externalId);
      ctx.recordSkipped('appointment', page.errors);
      progress.done += page.records.length + page.errors.length + page.deletedIds.length;
      ctx.progress.advance(window.phase, progress.done, null, ctx.requests());
      ctx.checkpoint();
    }
  }
  return { counted, skipped };
}

function withinOrCached(ctx: RunContext, window: Window, row: RemoteAppointment): boolean {
  const startsAt = Date.parse(row.startsAt);
  const within = startsAt >= Date.parse(window.from) && startsAt < Date.parse(window.to);
  return within || ctx.store.appointments.get(ctx.source, row.externalId) !== null;
}

/** One page in one transaction: its records, the deletions it reports (cached ones marked removed), the cursor. */
function storePage(
  ctx: RunContext,
  window: Window,
  page: Pick<Page<RemoteAppointment>, 'records' | 'deletedIds'>,
  next: WindowCursor | null,
) {
  const syncedAt = ctx.now().toISOString();
  const value = next ? JSON.stringify(next) : null;
  const result = ctx.store.transaction(() => {
    const stored = ctx.store.appointments.upsertPage(ctx.source, page.records, syncedAt, ctx.runId);
    const removed = ctx.store.appointments.markRemoved(ctx.source, page.deletedIds, syncedAt, ctx.runId);
    if (value) ctx.store.cursors.set(ctx.source, window.phase, value);
    return { stored, removed };
  });
  if (value) ctx.cursorAfter[window.phase] = value;
  return result;
}

export function noteUnknownPatients(ctx: RunContext, rows: RemoteAppointment[]): void {
  const ids = [...new Set(rows.map((r) => r.patientExternalId).filter((id): id is string => id !== null))];
  const known = ctx.store.patients.knownExternalIds(ctx.source, ids);
  for (const id of ids) if (!known.has(id)) ctx.unknownPatientIds.add(id);
}

/** Enrichment costs a request per appointment: keep it to a bounded number per run. */
const MAX_ENRICH_PER_RUN = 200;

function noteEnrichCandidates(ctx: RunContext, rows: RemoteAppointment[]): void {
  if (!ctx.connector.appointmentDetail) return;
  for (const row of rows) {
    if (ctx.enrichCandidates.length >= MAX_ENRICH_PER_RUN) return;
    if (!row.deleted && needsDetail(row)) ctx.enrichCandidates.push(row);
  }
}

export function tally(ctx: RunContext, stored: Array<{ outcome: string; becameCancelled: boolean }>): void {
  for (const { outcome, becameCancelled } of stored) {
    if (outcome === 'new') ctx.counts.appointmentsNew++;
    else if (outcome === 'updated') ctx.counts.appointmentsUpdated++;
    else ctx.counts.appointmentsUnchanged++;
    if (becameCancelled) ctx.counts.appointmentsCancelled++;
  }
}
