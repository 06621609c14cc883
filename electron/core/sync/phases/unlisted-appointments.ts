import { ConnectorError } from '../../connectors/errors';
import type { Page, RecordError } from '../../connectors/types';
import type { RemoteAppointment } from '../../domain';
import { spareRequests } from '../budget-room';
import { ID_LISTS, readIdList, writeIdList } from '../id-lists';
import { plural } from '../pages';
import type { RunContext } from '../run-context';
import { tallyAppointments } from '../tally';

// Cached live appointments a window pulled whole no longer lists were moved out of it (before its
// start or past its end) or are gone. Before the run ends each is resolved: stored at its new time,
// or marked removed once the API says it is gone — never taken for removed unasked.

/** Cliniko answers 100 ids per request: this many cost 20 requests. */
const MAX_BATCHED_LOOKUPS = 2_000;
/** IntakeQ answers one id per request, 10 a minute: at most this many per run (five minutes). */
const MAX_SINGLE_LOOKUPS = 50;

type Found = Pick<Page<RemoteAppointment>, 'records' | 'errors' | 'deletedIds'>;

/**
 * Looks up by id the appointments `unseen` names, with those earlier runs could not afford to, and
 * returns the ids the API no longer has. Found ones are stored as they now are. What this run cannot
 * afford (IntakeQ's daily budget, a run's share) waits in a list for the next run, still live.
 */
export async function resolveUnseen(ctx: RunContext, unseen: readonly string[]): Promise<string[]> {
  const runStart = ctx.startedAt.toISOString();
  const earlier = readIdList(ctx, ID_LISTS.unlistedAppointments).filter((id) => {
    const cached = ctx.store.appointments.get(ctx.source, id);
    return cached !== null && !cached.deleted && cached.lastSyncedAt < runStart;
  });
  const candidates = [...new Set([...unseen, ...earlier])];
  const { connector } = ctx;
  if (!connector.appointmentsByExternalIds && !connector.appointmentDetail) {
    writeIdList(ctx, ID_LISTS.unlistedAppointments, []);
    return candidates;
  }
  const asked = candidates.slice(0, allowance(ctx));
  const waiting = candidates.slice(asked.length);
  writeIdList(ctx, ID_LISTS.unlistedAppointments, waiting);
  if (waiting.length > 0) {
    ctx.log(
      'warn',
      `${plural(waiting.length, 'appointment')} no longer listed where ${waiting.length === 1 ? 'it was' : 'they were'} will be looked up on the next sync: ` +
        `this one could not afford more look-ups${connector.capabilities.dailyBudget === null ? '' : ` within ${ctx.serviceName}'s daily budget`}.`,
    );
  }
  if (asked.length === 0) return [];

  const requestsBefore = ctx.requests();
  const found = await lookUp(ctx, asked);
  ctx.counts.appointmentsLookedUp += asked.length;
  storeFound(ctx, found);
  const there = new Set([...found.records.map((r) => r.externalId), ...found.errors.map((e) => e.externalId)]);
  const gone = asked.filter((id) => !there.has(id));
  ctx.log(
    'info',
    `Looked up ${plural(asked.length, 'appointment')} by id that the lists no longer showed ` +
      `(${plural(ctx.requests() - requestsBefore, 'request')}): ${found.records.length} still there, ${gone.length} gone.`,
  );
  return gone;
}

/** How many ids this run may look up: the connector's share per run, within what the daily budget can spare. */
function allowance(ctx: RunContext): number {
  if (ctx.connector.appointmentsByExternalIds) return MAX_BATCHED_LOOKUPS;
  return Math.min(MAX_SINGLE_LOOKUPS, spareRequests(ctx));
}

async function lookUp(ctx: RunContext, ids: string[]): Promise<Found> {
  const { connector } = ctx;
  if (connector.appointmentsByExternalIds) return connector.appointmentsByExternalIds(ids, ctx.signal);
  const records: RemoteAppointment[] = [];
  const errors: RecordError[] = [];
  for (const id of ids) {
    try {
      const record = await connector.appointmentDetail?.(id, ctx.signal);
      if (record) records.push(record);
    } catch (err) {
      // One unreadable record is a warning, as in a listing: it is still there, and the run goes on.
      if (!(err instanceof ConnectorError && err.kind === 'invalid_data')) throw err;
      errors.push({ kind: 'invalid_data', externalId: id, message: err.message });
    }
    ctx.checkpoint();
  }
  return { records, errors, deletedIds: [] };
}

/** Stores appointments found outside the window listings, counting them like the listings' own. */
function storeFound(ctx: RunContext, found: Found): void {
  const syncedAt = ctx.now().toISOString();
  const { outcomes, removed } = ctx.store.transaction(() => ({
    outcomes: ctx.store.appointments.upsertPage(ctx.source, found.records, syncedAt, ctx.runId),
    removed: ctx.store.appointments.markRemoved(ctx.source, found.deletedIds, syncedAt, ctx.runId),
  }));
  tallyAppointments(ctx, outcomes);
  ctx.counts.appointmentsRemoved += removed;
  ctx.recordSkipped('appointment', found.errors);
  ctx.checkpoint();
}
