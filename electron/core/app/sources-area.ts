import { randomUUID } from 'node:crypto';
import type { Cache } from '../db';
import type { ConnectionTestResult, Source, SourceKind, SourceRemovalResult, SourceView } from '../domain';
import { UserFacingError } from '../errors';
import type { SecretStore } from '../secrets/secret-store';
import { hostOf } from '../security/base-url-policy';
import type { Connections } from './connections';
import { DEMO_SOURCE_ID, type DemoPractice } from './demo-practice';
import type { ServiceEvents } from './service-events';
import { sourceView } from './source-views';

export interface NewSourceInput {
  kind: SourceKind;
  name: string;
  apiKey: string;
  baseUrl: string | null;
}

export interface SourceEdit {
  id: string;
  name?: string;
  baseUrl?: string | null;
  apiKey?: string;
}

export type ConnectionTestInput = { id: string; baseUrl?: string | null } | { kind: SourceKind; apiKey: string; baseUrl: string | null };

/** Configured connections: added, edited and removed with their keys kept in the secret store. */
export class SourcesArea {
  constructor(
    private readonly cache: Cache,
    private readonly secrets: SecretStore,
    private readonly connections: Connections,
    private readonly demo: DemoPractice | null,
    private readonly events: ServiceEvents,
    private readonly now: () => Date,
    private readonly isSyncing: (source: string) => boolean,
    /** Whether this desk has joined a clinic hub (then a source without a key here is followed, not broken). */
    private readonly joinedHub: () => boolean,
  ) {}

  async list(): Promise<SourceView[]> {
    const now = this.now();
    const joinedHub = this.joinedHub();
    return Promise.all(this.cache.sources.list().map((source) => this.view(source, now, joinedHub)));
  }

  async view(source: Source, now = this.now(), joinedHub = this.joinedHub()): Promise<SourceView> {
    return sourceView(this.cache, this.connections, source, { syncing: this.isSyncing(source.id), joinedHub }, now);
  }

  get(id: string): Source {
    const source = this.cache.sources.get(id);
    if (!source) throw new UserFacingError('not_found', `There is no source "${id}". Run "clinicsync source list" to see the sources.`);
    return source;
  }

  /** Finds a source by id or by its name (case-insensitive), for the CLI. */
  find(idOrName: string): Source {
    const byId = this.cache.sources.get(idOrName);
    if (byId) return byId;
    const matches = this.cache.sources.list().filter((source) => source.name.toLowerCase() === idOrName.toLowerCase());
    if (matches.length === 1) return matches[0] as Source;
    if (matches.length > 1) throw new UserFacingError('ambiguous_source', `More than one source is called "${idOrName}"; use its id.`);
    return this.get(idOrName);
  }

  async add(input: NewSourceInput): Promise<SourceView> {
    this.assertNameFree(input.name);
    await this.connections.checkBaseUrl(input.baseUrl);
    const id = `${input.kind}-${randomUUID().slice(0, 8)}`;
    const credentialRef = `source:${id}`;
    await this.secrets.set(credentialRef, input.apiKey);
    try {
      const source = this.cache.sources.add(
        { id, kind: input.kind, name: input.name, baseUrl: input.baseUrl, credentialRef },
        this.now().toISOString(),
      );
      this.changed();
      return await this.view(source);
    } catch (err) {
      await this.secrets.delete(credentialRef);
      throw err;
    }
  }

  async update(edit: SourceEdit): Promise<SourceView> {
    const source = this.get(edit.id);
    if (edit.name !== undefined && edit.name.toLowerCase() !== source.name.toLowerCase()) this.assertNameFree(edit.name);
    if (edit.baseUrl !== undefined) await this.assertMayMove(source, edit);
    if (edit.apiKey !== undefined) {
      if (this.connections.isDemo(source)) throw new UserFacingError('demo_fixed', 'The demo practice has no key to change.');
      await this.secrets.set(source.credentialRef, edit.apiKey);
    }
    const { name, baseUrl } = edit;
    const updated = this.cache.sources.update(
      source.id,
      { ...(name !== undefined && { name }), ...(baseUrl !== undefined && { baseUrl }) },
      this.now().toISOString(),
    );
    this.changed();
    return this.view(updated);
  }

  async remove(id: string, discardLocalData: boolean): Promise<SourceRemovalResult> {
    const source = this.get(id);
    if (this.isSyncing(id)) throw new UserFacingError('sync_in_progress', `${source.name} is syncing. Cancel the sync before removing it.`);
    const removal = this.cache.sources.remove(id, { discardLocalData });
    if (!this.connections.isDemo(source)) await this.secrets.delete(source.credentialRef);
    this.changed();
    return removal;
  }

  async test(input: ConnectionTestInput): Promise<ConnectionTestResult> {
    if ('id' in input) {
      // Editing the address keeps the stored key: test that key where it is about to be sent.
      const saved = this.get(input.id);
      const proposed = input.baseUrl !== undefined && !this.connections.isDemo(saved);
      const source = proposed ? { ...saved, baseUrl: input.baseUrl ?? null } : saved;
      const baseUrl = this.connections.isDemo(source) ? null : source.baseUrl;
      return this.connections.test(await this.connections.connectorFor(source), baseUrl);
    }
    await this.connections.checkBaseUrl(input.baseUrl);
    const at = this.now().toISOString();
    const draft: Source = {
      id: 'connection-test',
      kind: input.kind,
      name: 'New source',
      baseUrl: input.baseUrl,
      credentialRef: '',
      createdAt: at,
      updatedAt: at,
    };
    return this.connections.test(this.connections.build(draft, input.apiKey), input.baseUrl);
  }

  /** The practice's time zone as the saved source's API reports it (see Connections.practiceTimeZone). */
  async practiceTimeZone(id: string): Promise<string | null> {
    return this.connections.practiceTimeZone(await this.connections.connectorFor(this.get(id)));
  }

  /** Adds the built-in demo practice (once) and returns it. */
  async addDemo(): Promise<Source> {
    if (!this.demo) throw new UserFacingError('demo_unavailable', 'The demo practice is not available in this version of ClinicSync.');
    const existing = this.cache.sources.get(DEMO_SOURCE_ID);
    if (existing) return existing;
    await this.demo.ensureRunning();
    const source = this.cache.sources.add(
      { id: DEMO_SOURCE_ID, kind: this.demo.kind, name: this.demo.name, baseUrl: null, credentialRef: DEMO_SOURCE_ID },
      this.now().toISOString(),
    );
    this.changed();
    return source;
  }

  /**
   * A stored key is only ever sent to the address it was saved with: pointing a source at another
   * host takes the key again, so neither a stolen console token nor a compromised page can redirect it.
   */
  private async assertMayMove(source: Source, edit: SourceEdit): Promise<void> {
    await this.connections.checkBaseUrl(edit.baseUrl ?? null);
    if (this.connections.isDemo(source) || edit.apiKey !== undefined) return;
    if (hostOf(edit.baseUrl ?? null) !== hostOf(source.baseUrl)) {
      throw new UserFacingError(
        'api_key_required',
        `Enter ${source.name}’s API key again to point it at another address: a saved key is only sent to the address it was saved with.`,
        {
          fields: { apiKey: 'Enter the key again when the address changes.' },
        },
      );
    }
  }

  private assertNameFree(name: string): void {
    if (this.cache.sources.list().some((source) => source.name.toLowerCase() === name.toLowerCase())) {
      throw new UserFacingError('source_exists', `A source called "${name}" already exists. Choose another name.`, {
        fields: { name: 'Already in use.' },
      });
    }
  }

  private changed(): void {
    this.events.emit('sourcesChanged', {});
  }
}
