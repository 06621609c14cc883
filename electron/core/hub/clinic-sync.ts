import type { Source } from '../domain';
import { UserFacingError } from '../errors';
import type { SecretStore } from '../secrets/secret-store';
import { budgetsFromHub, budgetsToHub, mergedUsage } from './hub-budgets';
import { listDesks } from './hub-desks';
import { LEASE_TTL_MS, listLeases, releaseLease, renewLease, takeLease } from './hub-leases';
import type { HubSession } from './hub-session';

/** While a desk pulls, its outbox is published this often, so other desks follow page by page. */
const PUBLISH_EVERY_MS = 100;

export interface ClinicSyncPlan {
  /** Sources this desk pulls from their API now: it holds their lease and has their API key. */
  pull: string[];
  /** Sources brought up to date from the hub instead, with why, in words. */
  fromHub: Array<{ source: string; reason: string }>;
  /** Set when the hub cannot be reached: this desk syncs on its own and publishes on reconnect. */
  offline: string | null;
  /** What a desk does when the hub cannot be reached: see `OfflineRule`. */
  /**
   * Stops heartbeating, publishes what is left, releases the leases and applies what others published;
   * `applied` counts the records applied since the plan began.
   */
  finish(): Promise<{ published: number; applied: number; error: string | null }>;
}

/**
 * A manual sync pulls at once when the hub is down (someone asked for fresh data); a scheduled one
 * only once the hub has been unreachable for `graceMs` since this desk last reached it, since until
 * then the desk holding the lease is probably still pulling.
 */
export interface OfflineRule {
  graceMs: number;
  now: () => Date;
}

/** Scheduled syncs of a desk cut off from its hub pull from the API themselves after this long. */
export const HUB_OUTAGE_GRACE_MS = 15 * 60_000;

/**
 * One pull per clinic: for each source, the desk that takes its lease (and has its API key) pulls;
 * the others catch up from the hub. Leases are renewed while the pull runs; a lease lost (this desk
 * stalled past its expiry and another took over) stops that source's pull through `onLeaseLost`.
 */
export async function planClinicSync(
  session: HubSession,
  secrets: SecretStore,
  sources: Source[],
  onLeaseLost: (source: string) => void,
  offlineRule: OfflineRule = { graceMs: 0, now: () => new Date() },
): Promise<ClinicSyncPlan> {
  const { connection, key, deskId } = session.deps;
  const withKeys = await keyedSources(secrets, sources);
  const address = (source: string) => key.address({ kind: 'source', source, ref: source });
  let held: string[];
  const fromHub: ClinicSyncPlan['fromHub'] = [];
  let appliedFirst = 0;
  try {
    // Up to date with the clinic first, so a pull taken over goes on from where the clinic got to.
    await session.publish();
    appliedFirst = (await session.catchUp()).applied;
    held = [];
    for (const source of sources) {
      if (!withKeys.has(source.id)) {
        fromHub.push({ source: source.id, reason: 'this desk has no API key for it' });
      } else if (await connection.withClient((client) => takeLease(client, address(source.id), deskId))) {
        held.push(source.id);
        if (held.length === 1) await bringBudgetsHere(session);
      } else {
        fromHub.push({ source: source.id, reason: `${await leaseHolder(session, address(source.id))} is pulling it` });
      }
    }
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    // Hub unreachable: past the grace, the desk keeps the cache fresh itself; its outbox is published on reconnect.
    const lastContact = Date.parse(session.deps.state.membership().lastContactAt ?? '') || 0;
    const outageMs = offlineRule.now().getTime() - lastContact;
    if (outageMs < offlineRule.graceMs) {
      const minutes = Math.ceil((offlineRule.graceMs - outageMs) / 60_000);
      return {
        pull: [],
        fromHub: sources.map((s) => ({ source: s.id, reason: 'the clinic hub cannot be reached' })),
        offline: `${error.message} This desk pulls from the API itself if the hub is still unreachable in ${minutes} min.`,
        finish: () => Promise.resolve({ published: 0, applied: 0, error: error.message }),
      };
    }
    return {
      pull: [...withKeys],
      fromHub: sources.filter((s) => !withKeys.has(s.id)).map((s) => ({ source: s.id, reason: 'the clinic hub cannot be reached' })),
      offline: `${error.message} Syncing from the API on this desk; its changes reach the other desks when the hub is back.`,
      finish: () => Promise.resolve({ published: 0, applied: 0, error: error.message }),
    };
  }

  let publishing: Promise<unknown> = Promise.resolve();
  const publishTimer = setInterval(() => {
    publishing = publishing.then(() => session.publish()).catch(() => undefined);
  }, PUBLISH_EVERY_MS);
  const renewTimer = setInterval(() => {
    for (const source of held) {
      void connection
        .withClient((client) => renewLease(client, address(source), deskId))
        .then(
          (still) => {
            if (!still) onLeaseLost(source);
          },
          () => undefined,
        );
    }
  }, LEASE_TTL_MS / 4);
  publishTimer.unref();
  renewTimer.unref();

  return {
    pull: held,
    fromHub,
    offline: null,
    async finish() {
      clearInterval(publishTimer);
      clearInterval(renewTimer);
      await publishing;
      try {
        const published = await session.publish();
        await connection.withClient(async (client) => {
          if (held.length > 0) await budgetsToHub(client, key, session.deps.state.budgets());
          for (const source of held) await releaseLease(client, address(source), deskId);
        });
        const { applied } = await session.catchUp();
        return { published, applied: appliedFirst + applied, error: null };
      } catch (error) {
        if (!(error instanceof UserFacingError)) throw error;
        return { published: 0, applied: 0, error: error.message };
      }
    },
  };
}

/** Before pulling: the clinic's API budget counts into this desk's cache, where its rate limiter reads them. */
async function bringBudgetsHere(session: HubSession): Promise<void> {
  const { connection, key, cache } = session.deps;
  const shared = await connection.withClient((client) => budgetsFromHub(client, key));
  cache.transaction(() => {
    for (const usage of shared) cache.budgets.put(mergedUsage(cache.budgets.get(usage.credentialKey, usage.budget), usage));
  });
}

async function keyedSources(secrets: SecretStore, sources: Source[]): Promise<Set<string>> {
  const keyed = new Set<string>();
  for (const source of sources) if ((await secrets.get(source.credentialRef)) !== null) keyed.add(source.id);
  return keyed;
}

async function leaseHolder(session: HubSession, sourceAddress: Buffer): Promise<string> {
  const { connection, key } = session.deps;
  return connection.withClient(async (client) => {
    const lease = (await listLeases(client)).find((l) => l.sourceAddress.equals(sourceAddress));
    const desk = (await listDesks(client, key)).find((d) => d.id === lease?.deskId);
    return desk ? `the desk ${desk.name}` : 'another desk';
  });
}
