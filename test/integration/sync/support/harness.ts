/**
 * A real sync setup: an encrypted SQLite cache in a temp folder with one source pointing at an
 * emulator over loopback, a connector per run (as the service creates them), and the events the
 * engine sends, recorded.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createConnector, GateRegistry, type Connector, type ConnectorDeps } from '../../../../electron/core/connectors';
import { openCache, type Cache } from '../../../../electron/core/db';
import type { Source, SyncMode, SyncRun, SyncTrigger } from '../../../../electron/core/domain';
import { syncSource, type SyncEvents } from '../../../../electron/core/sync/engine';
import { phasesFor } from '../../../../electron/core/sync/plan';
import type { SyncProgress } from '../../../../electron/core/sync/progress';
import type { SyncSettings } from '../../../../electron/core/sync/run-context';
import { WaitRelay } from '../../../../electron/core/sync/wait-relay';
import type { Upstream } from './upstream';

export const CACHE_KEY = { kind: 'encrypted', hexKey: '3c'.repeat(32) } as const;

export interface ActivityLine {
  runId: number;
  level: string;
  message: string;
  at: string;
}

export interface Recorded {
  progress: Array<SyncProgress & { receivedAt: number }>;
  activity: ActivityLine[];
  finished: SyncRun[];
  internalErrors: unknown[];
}

export interface SyncEnv {
  cache: Cache;
  source: Source;
  upstream: Upstream;
  /** One registry for the whole test, as one process shares it: rate-limit state per credential. */
  gates: GateRegistry;
  events: Recorded;
  dir: string;
}

const envs: SyncEnv[] = [];

/** Closes every cache and removes its folder (call from afterEach). */
export function closeEnvs(): void {
  for (const env of envs.splice(0)) {
    if (env.cache.db.open) env.cache.close();
    rmSync(env.dir, { recursive: true, force: true });
  }
}

export function createEnv(upstream: Upstream): SyncEnv {
  const dir = mkdtempSync(path.join(tmpdir(), 'clinicsync-sync-'));
  const cache = openCache({ file: path.join(dir, 'cache.db'), key: CACHE_KEY });
  const source = cache.sources.add(
    {
      id: `${upstream.kind}-1`,
      kind: upstream.kind,
      name: upstream.kind === 'cliniko' ? 'Cliniko' : 'IntakeQ',
      baseUrl: upstream.url,
      credentialRef: 'test-key',
    },
    upstream.now().toISOString(),
  );
  const env: SyncEnv = {
    cache,
    source,
    upstream,
    gates: new GateRegistry(),
    events: { progress: [], activity: [], finished: [], internalErrors: [] },
    dir,
  };
  envs.push(env);
  return env;
}

export interface RunOptions {
  mode?: SyncMode;
  trigger?: SyncTrigger;
  settings?: Partial<SyncSettings>;
  signal?: AbortSignal;
  connector?: Partial<ConnectorDeps>;
  onStarted?: (runId: number) => void;
  /** Sees every progress event as the engine sends it. */
  onProgress?: (progress: SyncProgress) => void;
}

export const DEFAULT_SETTINGS: SyncSettings = { daysBack: 90, daysForward: 90, discovery: 'automatic', timeZone: 'UTC' };

/**
 * A fetch that calls `onRequest` with each API request's URL before sending it, e.g. to cancel a
 * run at an exact point or change the upstream between two pages.
 */
export function watchingFetch(onRequest: (url: URL) => void): typeof fetch {
  return (input, init) => {
    onRequest(new URL(input instanceof Request ? input.url : String(input)));
    return fetch(input, init);
  };
}

/** A connector for the env's source, as the service builds one per run. */
export function connectorFor(env: SyncEnv, deps: Partial<ConnectorDeps> = {}): Connector {
  return createConnector(env.source, env.upstream.apiKey, {
    budgetStore: env.cache.budgets,
    gates: env.gates,
    timeScale: env.upstream.timeScale,
    // One clock for the engine, the connector and the emulator, as in production.
    now: env.upstream.now,
    userAgentContact: 'tests@clinicsync.example',
    ...deps,
  });
}

export function engineEvents(recorded: Recorded, onProgress?: (progress: SyncProgress) => void): SyncEvents {
  return {
    progress: (p) => {
      recorded.progress.push({ ...p, receivedAt: performance.now() });
      onProgress?.(p);
    },
    activity: (a) => recorded.activity.push({ runId: a.runId, level: a.level, message: a.message, at: a.at }),
    finished: (run) => recorded.finished.push(run),
  };
}

/** Runs one sync of the env's source and returns its run record. */
export function runSync(env: SyncEnv, options: RunOptions = {}): Promise<SyncRun> {
  const mode = options.mode ?? 'incremental';
  const settings = { ...DEFAULT_SETTINGS, ...options.settings };
  const waits = new WaitRelay();
  const connector = connectorFor(env, { onWait: waits.listener, ...options.connector });
  return syncSource(
    {
      store: env.cache,
      now: env.upstream.now,
      events: engineEvents(env.events, options.onProgress),
      onInternalError: (err) => env.events.internalErrors.push(err),
    },
    {
      source: env.source,
      connector,
      trigger: options.trigger ?? 'manual',
      scope: { sources: [env.source.id], mode, phases: phasesFor(mode), daysBack: settings.daysBack, daysForward: settings.daysForward },
      settings,
      signal: options.signal ?? new AbortController().signal,
      waits,
      ...(options.onStarted ? { onStarted: options.onStarted } : {}),
    },
  );
}
