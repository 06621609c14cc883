import type { RemoteAppointment } from '../../domain';
import { laterOf, nextCursor } from '../cursor';
import { formatInstant, plural, withLast } from '../pages';
import type { RunContext } from '../run-context';
import type { Window } from '../windows';
import { needsDetail } from './enrich';

/** The cursor of a window also records where the window ended, to pull newly covered days whole. */
interface WindowCursor {
  updatedSince: string;
  windowEnd: string;
}

function readCursor(ctx: RunContext, phase: Window['phase']): WindowCursor | null {
  const raw = ctx.store.cursors.get(ctx.source, phase);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<WindowCursor>;
    return typeof parsed.updatedSince === 'string' && typeof parsed.windowEnd === 'string' ? (parsed as WindowCursor) : null;
  } catch {
    return null;
  }
}

/**
 * Pulls one appointment window. Where the API lists deletions (so removals are seen without a full
 * sweep) and a cursor exists, only changed appointments are pulled, plus any days the window newly
 * covers; otherwise the whole window is pulled and can be reconciled.
 */
export async function appointmentsPhase(ctx: RunContext, window: Window): Promise<void> {
  ctx.progress.startPhase(window.phase);
  const cursor = ctx.full || !ctx.connector.capabilities.hardDeletesVisible ? null : readCursor(ctx, window.phase);
  if (cursor) ctx.cursorBefore[window.phase] = JSON.stringify(cursor);
  const label = window.phase === 'appointments_back' ? 'past' : 'upcoming';

  const pulls: Array<{ from: string; to: string; updatedSince: string | null }> = [];
  if (cursor) {
    pulls.push({ from: window.from, to: window.to, updatedSince: cursor.updatedSince });
    if (cursor.windowEnd < window.to)
      pulls.push({ from: laterOf(cursor.windowEnd, window.from) ?? window.from, to: window.to, updatedSince: null });
    ctx.log('info', `Fetching ${label} appointments changed since ${formatInstant(cursor.updatedSince)}.`);
  } else {
    pulls.push({ from: window.from, to: window.to, updatedSince: null });
    ctx.log('info', `Fetching every ${label} appointment from ${formatInstant(window.from)} to ${formatInstant(window.to)}.`);
  }

  const before = { ...ctx.counts };
  let done = 0;
  let newest: string | null = null;
  for (const [index, pull] of pulls.entries()) {
    const finalPull = index === pulls.length - 1;
    const pages = ctx.connector.appointments({ ...pull, signal: ctx.signal });
    for await (const { item: page, last } of withLast(pages)) {
      newest = laterOf(newest, page.maxRemoteUpdatedAt);
      const next = last && finalPull ? nextCursor(ctx.startedAt, newest, cursor?.updatedSince ?? null) : null;
      const stored = storePage(ctx, window, page.records, next);
      noteUnknownPatients(ctx, page.records);
      if (window.phase === 'appointments_back') noteEnrichCandidates(ctx, page.records);
      tally(ctx, stored);
      ctx.recordSkipped('appointment', page.errors);
      done += page.records.length + page.errors.length;
      ctx.progress.advance(done, null, ctx.requests());
      ctx.checkpoint();
    }
  }
  if (!cursor) ctx.completeWindows.push({ from: window.from, to: window.to });

  const c = ctx.counts;
  ctx.log(
    'info',
    `${label === 'past' ? 'Past' : 'Upcoming'} appointments: ${plural(done, 'record')} checked — ` +
      `${c.appointmentsNew - before.appointmentsNew} new, ${c.appointmentsUpdated - before.appointmentsUpdated} updated, ` +
      `${c.appointmentsUnchanged - before.appointmentsUnchanged} unchanged.`,
  );
}

function storePage(ctx: RunContext, window: Window, rows: RemoteAppointment[], next: string | null) {
  const syncedAt = ctx.now().toISOString();
  const value = next ? JSON.stringify({ updatedSince: next, windowEnd: window.to } satisfies WindowCursor) : null;
  const stored = ctx.store.transaction(() => {
    const outcomes = ctx.store.appointments.upsertPage(ctx.source, rows, syncedAt, ctx.runId);
    if (value) ctx.store.cursors.set(ctx.source, window.phase, value);
    return outcomes;
  });
  if (value) ctx.cursorAfter[window.phase] = value;
  return stored;
}

function noteUnknownPatients(ctx: RunContext, rows: RemoteAppointment[]): void {
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

function tally(ctx: RunContext, stored: Array<{ outcome: string; becameCancelled: boolean }>): void {
  for (const { outcome, becameCancelled } of stored) {
    if (outcome === 'new') ctx.counts.appointmentsNew++;
    else if (outcome === 'updated') ctx.counts.appointmentsUpdated++;
    else ctx.counts.appointmentsUnchanged++;
    if (becameCancelled) ctx.counts.appointmentsCancelled++;
  }
}
