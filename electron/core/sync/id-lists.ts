import type { RunContext } from './run-context';

/**
 * Small lists of remote ids a run leaves for the next one (patients it could not read, patients seen on
 * appointments and not yet fetched), kept beside the cursors so they live and die with the source.
 */
export const ID_LISTS = {
  /** Patients a run could not read: asked for by id next time. */
  unreadablePatients: 'patients:retry',
  /** Patients named on appointments but not fetched yet (manual discovery, or past a run's share). */
  undiscoveredPatients: 'discovery:pending',
  /** Appointments a window no longer listed, not yet looked up by id (a run's share or the daily budget ran out). */
  unlistedAppointments: 'appointments:unlisted',
} as const;

/** Beyond this the list is cut: it is a to-do list, not a record. */
const MAX_IDS = 5_000;

export function readIdList(ctx: Pick<RunContext, 'store' | 'source'>, key: string): string[] {
  try {
    const parsed: unknown = JSON.parse(ctx.store.cursors.get(ctx.source, key) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

export function writeIdList(ctx: Pick<RunContext, 'store' | 'source'>, key: string, ids: Iterable<string>): void {
  const list = [...new Set(ids)].slice(0, MAX_IDS);
  if (list.length === 0 && ctx.store.cursors.get(ctx.source, key) === null) return;
  ctx.store.transaction(() => ctx.store.cursors.set(ctx.source, key, JSON.stringify(list)));
}
