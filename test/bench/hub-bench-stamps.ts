import type { Cache } from '../../electron/core/db';
import type { LocalHubState } from '../../electron/core/hub/local-state';
import type { ApplyProfile } from './hub-bench-profile';

/** When each record's write became durable on a desk, by kind and remote id (`p:…`, `a:…`; first time only). */
export type Stamps = Map<string, number>;

/** What a follower hands back when stopped: its stamps, how many appointments reached it, where its time went. */
export interface FollowerReport {
  stamps: Array<[string, number]>;
  appointments: number;
  profile: ApplyProfile;
}

/** Appointments in a desk's cache: the positive control that appointments moved, not only patients. */
export function appointmentCount(cache: Cache): number {
  return cache.db.prepare('SELECT count(*) FROM appointments').pluck().get() as number;
}

/** Collects the patients and appointments a page writes, to stamp them once its transaction has ended. */
function collectRecords(cache: Cache): () => string[] {
  const pending: string[] = [];
  const patients = cache.patients.upsertPage.bind(cache.patients);
  cache.patients.upsertPage = (source, rows, syncedAt) => {
    for (const row of rows) pending.push(`p:${row.externalId}`);
    return patients(source, rows, syncedAt);
  };
  const appointments = cache.appointments.upsertPage.bind(cache.appointments);
  cache.appointments.upsertPage = (source, rows, syncedAt, runId) => {
    for (const row of rows) pending.push(`a:${row.externalId}`);
    return appointments(source, rows, syncedAt, runId);
  };
  return () => pending.splice(0);
}

function stamp(stamps: Stamps, ids: string[], onStamped?: (count: number) => void): void {
  const at = Date.now();
  for (const id of ids) if (!stamps.has(id)) stamps.set(id, at);
  onStamped?.(stamps.size);
}

/** The puller: a record is committed when the outermost transaction that wrote it ends. */
export function stampCommits(cache: Cache, stamps: Stamps): void {
  const take = collectRecords(cache);
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

/** A follower: a record is applied when the transaction applying a batch from the hub ends. */
export function stampApplies(cache: Cache, state: LocalHubState, stamps: Stamps, onStamped: (count: number) => void): void {
  const take = collectRecords(cache);
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
