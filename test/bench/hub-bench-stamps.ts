import type { Cache } from '../../electron/core/db';
import type { LocalHubState } from '../../electron/core/hub/local-state';

/** When each patient's write became durable on a desk, by remote id (first time only). */
export type Stamps = Map<string, number>;

/** Collects the patients a page writes, to stamp them once its transaction has ended. */
function collectPatients(cache: Cache): () => string[] {
  const pending: string[] = [];
  const upsert = cache.patients.upsertPage.bind(cache.patients);
  cache.patients.upsertPage = (source, rows, syncedAt) => {
    for (const row of rows) pending.push(row.externalId);
    return upsert(source, rows, syncedAt);
  };
  return () => pending.splice(0);
}

function stamp(stamps: Stamps, ids: string[], onStamped?: (count: number) => void): void {
  const at = Date.now();
  for (const id of ids) if (!stamps.has(id)) stamps.set(id, at);
  onStamped?.(stamps.size);
}

/** The puller: a patient is committed when the outermost transaction that wrote it ends. */
export function stampCommits(cache: Cache, stamps: Stamps): void {
  const take = collectPatients(cache);
  const transaction = cache.transaction.bind(cache);
  let depth = 0;
  (cache as { transaction: Cache['transaction'] }).transaction = (fn) => {
    depth += 1;
    try {
      return transaction(fn);
    } finally {
      depth -= 1;
      if (depth === 0) stamp(stamps, take());
    }
  };
}

/** A follower: a patient is applied when the transaction applying a batch from the hub ends. */
export function stampApplies(cache: Cache, state: LocalHubState, stamps: Stamps, onStamped: (count: number) => void): void {
  const take = collectPatients(cache);
  const apply = state.applyingFromHub.bind(state);
  state.applyingFromHub = (fn) => {
    try {
      return apply(fn);
    } finally {
      stamp(stamps, take(), onStamped);
    }
  };
}

/** The desk's open cache (the service keeps it private; the benchmark instruments it). */
export function cacheOf(service: object): Cache {
  return (service as { options: { cache: Cache } }).options.cache;
}
