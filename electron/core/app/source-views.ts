import type { Cache } from '../db';
import type { Source, SourceHealth, SourceView, SyncRun } from '../domain';
import type { Connections } from './connections';

/** How a source is doing, from its latest run. */
export function healthOf(lastRun: SyncRun | undefined, syncing: boolean): SourceHealth {
  if (syncing) return 'syncing';
  if (!lastRun) return 'never_synced';
  switch (lastRun.status) {
    case 'completed':
      return 'healthy';
    case 'failed':
    case 'abandoned':
      return 'failing';
    default:
      return 'warning';
  }
}

/** What the view needs to know about the source besides the cache: is it syncing, has this desk joined a hub. */
export interface SourceViewFacts {
  syncing: boolean;
  joinedHub: boolean;
}

/** Builds the console's view of each source: counts, last run, health, budget — never the key. */
export async function sourceView(
  cache: Cache,
  connections: Connections,
  source: Source,
  { syncing, joinedHub }: SourceViewFacts,
  now: Date,
): Promise<SourceView> {
  const counts = cache.patients.count(source.id);
  const lastRun = cache.runs.list({ source: source.id, limit: 1, offset: 0 }).rows[0];
  const demo = connections.isDemo(source);
  // Read once: with safeStorage every read is a decryption.
  const key = await connections.storedKey(source);
  const hasCredential = demo || key !== null;
  return {
    id: source.id,
    kind: source.kind,
    name: source.name,
    baseUrl: demo ? null : source.baseUrl,
    createdAt: source.createdAt,
    hasCredential,
    demo,
    patientsCached: counts.total,
    patientsUnaffiliated: counts.unaffiliated,
    syncing,
    lastRun: lastRun
      ? {
          id: lastRun.id,
          status: lastRun.status,
          startedAt: lastRun.startedAt,
          finishedAt: lastRun.finishedAt,
          resumeAt: lastRun.resumeAt,
          errorKind: lastRun.errors[0]?.kind ?? null,
        }
      : null,
    lastSuccessAt: cache.runs.stats(now.toISOString(), source.id).lastSuccessAt,
    health: healthOf(lastRun, syncing),
    budget: key !== null && source.kind === 'intakeq' ? connections.build(source, key).stats().dailyBudget : null,
    // Another desk's latest run names the desk that pulls; this desk's own runs carry no desk.
    followedThroughHub: joinedHub && !hasCredential ? { pulledBy: lastRun?.desk ?? null } : null,
  };
}
