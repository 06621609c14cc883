import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Cache } from '../db';
import { UserFacingError } from '../errors';
import type { SecretStore } from '../secrets/secret-store';
import { ClinicKey } from './clinic-key';
import type { SyncTrigger } from '../domain';
import { HUB_OUTAGE_GRACE_MS, planClinicSync, type ClinicSyncPlan } from './clinic-sync';
import { HubConnection } from './hub-connection';
import { listDesks, markDeskLeft, registerDesk } from './hub-desks';
import { listLeases } from './hub-leases';
import { checkHubSchema, migrateHub } from './hub-migrate';
import { HubSession } from './hub-session';
import { HubWatcher, type HubWatcherOptions } from './hub-watcher';
import { formatHubUrl, parseHubUrl } from './hub-url';
import { formatJoinCode, parseJoinCode } from './join-code';
import { createLocalDoneMarks } from './local-done-marks';
import { createLocalLinks } from './local-links';
import { createLocalNotes } from './local-notes';
import { createLocalHubState, type LocalHubState } from './local-state';
import { createMirrorRuns } from './mirror-runs';
import { doneMarkVersion, noteVersion } from './payloads';
import { lagAfter } from './record-log';
import type { HubStatus } from '../domain';

/** Where a desk keeps the hub's password and the clinic key (its secret store: keychain or encrypted cache). */
export const HUB_SECRETS = { password: 'hub:password', clinicKey: 'hub:clinic-key' } as const;

export interface HubAreaDeps {
  cache: Cache;
  secrets: SecretStore;
  now: () => Date;
  /** This desk's name as other desks see it (default: the computer's name). */
  deskName?: string;
  /**
   * Told when other desks' ended runs were copied into this desk's history, so history retention
   * applies to them too (a desk that only follows the hub never runs a sync of its own to prune after).
   */
  afterRunsMirrored?: () => void;
}

export interface HubConnectRequest {
  url: string;
  /** When the URL has none (from PGPASSWORD or stdin). */
  password?: string | null;
}

/** The service's clinic hub area: create, join, leave, status, and the live session of a joined desk. */
export class HubArea {
  readonly state: LocalHubState;
  #session: HubSession | null = null;
  #watcher: HubWatcher | null = null;

  constructor(private readonly deps: HubAreaDeps) {
    this.state = createLocalHubState(deps.cache.db);
  }

  joined(): boolean {
    return this.state.membership().joined;
  }

  /** Creates the hub's schema and the clinic key; returns the join code, to be shown once. */
  async init(request: HubConnectRequest): Promise<{ joinCode: string }> {
    this.refuseIfJoined();
    const key = ClinicKey.generate();
    await this.connectAndJoin(request, key, async (connection) => {
      await connection.withClient((client) => migrateHub(client));
      await connection.transaction(async (client) => {
        const created = await client.query('INSERT INTO hub_clinic (key_check) VALUES ($1) ON CONFLICT DO NOTHING', [key.checkValue()]);
        if (created.rowCount !== 1) {
          throw new UserFacingError(
            'hub_exists',
            'That database already holds a clinic hub: join it with its join code (`clinicsync hub join`).',
          );
        }
      });
    });
    return { joinCode: formatJoinCode(key.raw) };
  }

  /** Joins with a join code; a wrong code is refused before this desk writes anything, here or on the hub. */
  async join(request: HubConnectRequest & { joinCode: string }): Promise<void> {
    this.refuseIfJoined();
    const key = new ClinicKey(parseJoinCode(request.joinCode));
    await this.connectAndJoin(request, key, async (connection) => {
      await connection.withClient(async (client) => {
        await checkHubSchema(client);
        const check = (await client.query<{ key_check: Buffer }>('SELECT key_check FROM hub_clinic')).rows[0];
        if (!check)
          throw new UserFacingError(
            'hub_not_initialized',
            'That database is not a ClinicSync hub yet: create one with `clinicsync hub init`.',
          );
        if (!key.matches(check.key_check)) {
          throw new UserFacingError(
            'wrong_join_code',
            'That join code is not this clinic hub’s. Nothing was changed; ask the desk that created the hub for its join code.',
          );
        }
      });
    });
  }

  /** The joined desk's session, connecting on first use. */
  async session(): Promise<HubSession> {
    if (this.#session) return this.#session;
    const membership = this.state.membership();
    if (!membership.joined || !membership.url || !membership.deskId) {
      throw new UserFacingError(
        'hub_not_joined',
        'This desk has not joined a clinic hub (`clinicsync hub init` or `clinicsync hub join`).',
      );
    }
    const [password, rawKey] = await Promise.all([
      this.deps.secrets.get(HUB_SECRETS.password),
      this.deps.secrets.get(HUB_SECRETS.clinicKey),
    ]);
    if (!rawKey)
      throw new UserFacingError(
        'hub_key_missing',
        `The clinic key is missing from ${this.deps.secrets.description}: leave the hub and join it again.`,
      );
    const { address } = parseHubUrl(membership.url);
    this.#session = this.sessionFor(
      new HubConnection(address, password),
      new ClinicKey(Buffer.from(rawKey, 'hex')),
      membership.deskId,
      membership.deskName ?? hostname(),
    );
    return this.#session;
  }

  /**
   * Decides, for a sync of these sources (all when omitted), which this desk pulls from the API and
   * which it brings up to date from the hub; `onLeaseLost` stops a pull whose lease another desk took.
   */
  async planSync(
    sourceIds: string[] | undefined,
    onLeaseLost: (source: string) => void,
    trigger: SyncTrigger = 'manual',
  ): Promise<ClinicSyncPlan> {
    const all = this.deps.cache.sources.list();
    const sources = sourceIds === undefined ? all : all.filter((source) => sourceIds.includes(source.id));
    const graceMs = trigger === 'manual' ? 0 : HUB_OUTAGE_GRACE_MS;
    return planClinicSync(await this.session(), this.deps.secrets, sources, onLeaseLost, { graceMs, now: this.deps.now });
  }

  /** Publishes this desk's outbox and applies what the other desks published. */
  async exchange(): Promise<{ published: number; applied: number }> {
    const session = await this.session();
    const published = await session.publish();
    const { applied } = await session.catchUp();
    return { published, applied };
  }

  async status(): Promise<HubStatus> {
    const membership = this.state.membership();
    const outbox = this.state.outboxStats();
    const base = { joined: membership.joined, url: membership.url, desk: membership.deskName, outbox };
    if (!membership.joined) return { ...base, connected: false, error: null, lag: null, desks: [], leases: [] };
    try {
      const session = await this.session();
      const { key, connection, deskId } = session.deps;
      return await connection.withClient(async (client) => {
        await checkHubSchema(client);
        const desks = await listDesks(client, key);
        const names = new Map(desks.map((desk) => [desk.id, desk.name]));
        const sources = this.deps.cache.sources.list();
        const leases = (await listLeases(client)).map((lease) => ({
          source:
            sources.find((s) => key.address({ kind: 'source', source: s.id, ref: s.id }).equals(lease.sourceAddress))?.name ??
            'another source',
          desk: names.get(lease.deskId) ?? 'a desk that left',
          expiresAt: lease.expiresAt,
        }));
        return {
          ...base,
          connected: true,
          error: null,
          lag: await lagAfter(client, membership.appliedSeq),
          desks: desks.filter((d) => !d.left).map((d) => ({ name: d.name, lastContactAt: d.lastContactAt, thisDesk: d.id === deskId })),
          leases,
        };
      });
    } catch (error) {
      if (!(error instanceof UserFacingError)) throw error;
      return { ...base, connected: false, error: error.message, lag: null, desks: [], leases: [] };
    }
  }

  /** Leaves the hub: the desk keeps its cache and stops sharing; the hub forgets its leases. */
  async leave(): Promise<{ reachedHub: boolean }> {
    if (!this.joined()) throw new UserFacingError('hub_not_joined', 'This desk has not joined a clinic hub.');
    let reachedHub = true;
    try {
      const session = await this.session();
      await session.deps.connection.withClient((client) => markDeskLeft(client, session.deps.deskId));
    } catch (error) {
      if (!(error instanceof UserFacingError)) throw error;
      reachedHub = false;
    }
    await this.close();
    this.state.leave();
    await this.deps.secrets.delete(HUB_SECRETS.password);
    await this.deps.secrets.delete(HUB_SECRETS.clinicKey);
    return { reachedHub };
  }

  /**
   * Keeps this desk in step with the hub until close() (long-running faces only): NOTIFY wakes it,
   * and it polls too. Does nothing on a desk that has not joined.
   */
  async watch(options: Omit<HubWatcherOptions, 'pollMs'>): Promise<void> {
    if (!this.joined() || this.#watcher) return;
    this.#watcher = new HubWatcher(await this.session(), options);
    this.#watcher.start();
  }

  async close(): Promise<void> {
    const watcher = this.#watcher;
    this.#watcher = null;
    await watcher?.stop();
    const session = this.#session;
    this.#session = null;
    await session?.deps.connection.close();
  }

  private refuseIfJoined(): void {
    const membership = this.state.membership();
    if (membership.joined) {
      throw new UserFacingError(
        'hub_already_joined',
        `This desk already shares through the hub at ${membership.url}; leave it first (\`clinicsync hub leave\`).`,
      );
    }
  }

  /**
   * Connects, runs `prepare` (schema and key checks), and only then registers the desk, keeps the
   * secrets, queues everything cached for publishing, publishes it and catches up.
   */
  private async connectAndJoin(
    request: HubConnectRequest,
    key: ClinicKey,
    prepare: (connection: HubConnection) => Promise<void>,
  ): Promise<void> {
    const { address, password: inUrl } = parseHubUrl(request.url);
    const password = inUrl ?? request.password ?? null;
    const connection = new HubConnection(address, password);
    const deskId = this.state.membership().deskId ?? randomUUID();
    const deskName = this.deps.deskName ?? hostname();
    try {
      await prepare(connection);
      await connection.withClient((client) => registerDesk(client, key, deskId, deskName));
    } catch (error) {
      await connection.close();
      throw error;
    }
    if (password !== null) await this.deps.secrets.set(HUB_SECRETS.password, password);
    await this.deps.secrets.set(HUB_SECRETS.clinicKey, key.raw.toString('hex'));
    this.state.join({ url: formatHubUrl(address), deskId, deskName, at: this.deps.now().toISOString() });
    await this.close();
    this.#session = this.sessionFor(connection, key, deskId, deskName);
    await this.#session.publish();
    await this.#session.catchUp();
  }

  private sessionFor(connection: HubConnection, key: ClinicKey, deskId: string, deskName: string): HubSession {
    const { cache, now } = this.deps;
    return new HubSession({
      cache,
      state: this.state,
      notes: createLocalNotes(cache.db, (note) => noteVersion(key, note)),
      links: createLocalLinks(cache.db),
      doneMarks: createLocalDoneMarks(cache.db, (mark) => doneMarkVersion(key, mark)),
      runs: createMirrorRuns(cache),
      connection,
      key,
      deskId,
      deskName,
      now,
      afterRunsMirrored: this.deps.afterRunsMirrored,
    });
  }
}
