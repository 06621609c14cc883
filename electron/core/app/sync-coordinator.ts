import type { Cache } from '../db';
import type { Source, SyncMode, SyncProgressView, SyncRun, SyncTrigger } from '../domain';
import { UserFacingError } from '../errors';
import type { SettingsStore } from '../settings/app-settings';
import { LOCK_STALE_AFTER_MS, syncSource, type SyncEngineDeps } from '../sync/engine';
import { phasesFor } from '../sync/plan';
import { startingProgress } from '../sync/progress';
import { WaitRelay } from '../sync/wait-relay';
import type { SlotKind } from '../schedule';
import type { Connections } from './connections';
import { HistoryPruner, type PruneResult } from './history-pruner';
import { ownerIsDead } from './process-identity';
import { RunPlanner } from './run-planning';
import type { ServiceEvents } from './service-events';

export interface SyncRequest {
  /** Source ids; all sources when omitted. */
  sources?: string[];
  mode: SyncMode;
  trigger: SyncTrigger;
  /** The window a `day` run pulls (a clinic day's bounds). */
  window?: { from: string; to: string };
  /** The kind of scheduled slot the run covers, for the budget planner; none for a sync someone started. */
  slot?: SlotKind;
}

export interface SyncStart {
  started: Array<{ source: string; runId: number }>;
  refused: Array<{ source: string; code: string; message: string }>;
  /** Settles when every started run has finished. */
  done: Promise<SyncRun[]>;
}

interface ActiveRun {
  runId: number;
  controller: AbortController;
  progress: SyncProgressView;
  done: Promise<SyncRun>;
}

export interface SyncCoordinatorDeps {
  cache: Cache;
  settings: SettingsStore;
  connections: Connections;
  events: ServiceEvents;
  now: () => Date;
  processId: string;
  onInternalError: (err: unknown) => void;
}

/**
 * Starts, tracks and cancels runs: one per source, each source syncing in parallel with the others.
 * After each run, old history is pruned as Settings say.
 */
export class SyncCoordinator {
  readonly #active = new Map<string, ActiveRun>();
  readonly #engine: SyncEngineDeps;
  readonly #pruner: HistoryPruner;
  readonly #planner: RunPlanner;

  constructor(private readonly deps: SyncCoordinatorDeps) {
    this.#planner = new RunPlanner(deps.cache, () => deps.settings.read().schedule, deps.now);
    this.#engine = {
      store: deps.cache,
      now: deps.now,
      onInternalError: deps.onInternalError,
      events: {
        progress: (progress) => {
          const active = this.#active.get(progress.source);
          if (active) active.progress = progress;
          deps.events.emit('progress', progress);
        },
        activity: (line) => deps.events.emit('activity', line),
        // Announced once the source is free again (see startOne), so a listener can start the next sync at once.
        finished: () => undefined,
      },
    };
    this.#pruner = new HistoryPruner({
      cache: deps.cache,
      settings: deps.settings,
      now: deps.now,
      onActivity: (line) => deps.events.emit('activity', line),
    });
  }

  isSyncing(source: string): boolean {
    return this.#active.has(source);
  }

  get busy(): boolean {
    return this.#active.size > 0;
  }

  progress(): SyncProgressView[] {
    return [...this.#active.values()].map((run) => run.progress);
  }

  /**
   * Closes runs left `running` by a process that died (at once when it ran on this computer, else
   * once its heartbeat is stale) and frees their locks. Returns how many were closed.
   */
  recoverInterruptedRuns(): number {
    const dead = this.deps.cache.runs
      .unfinished()
      .filter((run) => run.owner !== null && ownerIsDead(run.owner, this.deps.processId))
      .map((run) => run.id);
    const staleBefore = new Date(this.deps.now().getTime() - LOCK_STALE_AFTER_MS).toISOString();
    return this.deps.cache.runs.closeStale(staleBefore, dead);
  }

  async start(request: SyncRequest): Promise<SyncStart> {
    this.recoverInterruptedRuns();
    const started: Array<{ source: string; runId: number; done: Promise<SyncRun> }> = [];
    const refused: SyncStart['refused'] = [];
    for (const source of this.pick(request.sources)) {
      try {
        const active = await this.startOne(source, request);
        started.push({ source: source.id, runId: active.runId, done: active.done });
      } catch (err) {
        if (!(err instanceof UserFacingError)) throw err;
        refused.push({ source: source.id, code: err.code, message: err.message });
      }
    }
    const [firstRefused] = refused;
    if (started.length === 0 && firstRefused) {
      throw new UserFacingError(firstRefused.code, refused.map((r) => r.message).join(' '));
    }
    return {
      started: started.map(({ source, runId }) => ({ source, runId })),
      refused,
      done: Promise.all(started.map((run) => run.done)),
    };
  }

  /** Asks running syncs (one source, or all) to stop after the page in flight. */
  cancel(source?: string): number {
    let cancelled = 0;
    for (const [id, run] of this.#active) {
      if (source !== undefined && id !== source) continue;
      run.controller.abort();
      cancelled += 1;
    }
    return cancelled;
  }

  /** Settles when nothing is syncing and history pruned after the last run is done. */
  async idle(): Promise<void> {
    while (this.#active.size > 0) await Promise.allSettled([...this.#active.values()].map((run) => run.done));
    await this.#pruner.idle();
  }

  /**
   * Prunes old history now, queued behind any prune already running: for a desk of a clinic hub that
   * copies other desks' runs into its history and may never run a sync of its own.
   */
  pruneHistory(): Promise<PruneResult> {
    return this.#pruner.prune();
  }

  /** Frees the source, then prunes old history: after the run's own transactions, in short ones of its own. */
  #release(source: string): void {
    this.#active.delete(source);
    this.#pruner.prune().catch(this.deps.onInternalError);
  }

  private pick(ids: string[] | undefined): Source[] {
    const all = this.deps.cache.sources.list();
    if (ids === undefined) {
      if (all.length === 0) throw new UserFacingError('no_sources', 'There is nothing to sync yet: add a source first.');
      return all;
    }
    return ids.map((id) => {
      const source = all.find((candidate) => candidate.id === id);
      if (!source) throw new UserFacingError('not_found', `There is no source "${id}".`);
      return source;
    });
  }

  private async startOne(source: Source, request: SyncRequest): Promise<ActiveRun> {
    if (this.#active.has(source.id)) {
      throw new UserFacingError('sync_in_progress', `${source.name} is already syncing. Wait for that sync to finish, or cancel it first.`);
    }
    const all = this.deps.settings.read();
    const settings = { ...all.sync, timeZone: all.schedule.timeZone };
    const waits = new WaitRelay();
    const connector = await this.deps.connections.connectorFor(source, waits.listener);
    const planning = this.#planner.plan(source.id, connector, request.mode, phasesFor(request.mode), request.slot ?? null);
    const controller = new AbortController();
    let runId: number | null = null;
    const done = syncSource(this.#engine, {
      source,
      connector,
      trigger: request.trigger,
      scope: {
        sources: [source.id],
        mode: request.mode,
        phases: planning.phases,
        daysBack: settings.daysBack,
        daysForward: settings.daysForward,
        ...(request.window ? { window: request.window } : {}),
        ...(planning.plan ? { plan: planning.plan } : {}),
      },
      settings,
      signal: controller.signal,
      waits,
      onStarted: (id) => {
        runId = id;
        this.deps.cache.runs.setOwner(id, this.deps.processId);
      },
    });
    // The run and its lock are taken synchronously: without a run id the engine refused to start.
    if (runId === null) {
      await done;
      throw new Error('The sync engine neither started nor refused the run.');
    }
    // Shown as "starting" until the engine's first progress event arrives.
    const starting = startingProgress(runId, source.id, planning.phases);
    const active: ActiveRun = { runId, controller, progress: starting, done };
    this.#active.set(source.id, active);
    void done
      .then(
        (run) => {
          this.#release(source.id);
          this.deps.events.emit('finished', run);
        },
        (err: unknown) => {
          this.#release(source.id);
          this.deps.onInternalError(err);
        },
      )
      .finally(() => this.deps.events.emit('sourcesChanged', {}));
    this.deps.events.emit('sourcesChanged', {});
    return active;
  }
}
