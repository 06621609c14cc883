import type { Cache } from '../db';
import type { ActivityLine } from '../domain';
import type { SettingsStore } from '../settings/app-settings';
import { describeDays, type RetentionSettings } from '../settings/retention-settings';
import { plural } from '../sync/pages';

/** Rows per transaction: each batch is a few milliseconds, so syncs of other sources and the console carry on between them. */
export const PRUNE_BATCH = 2_000;

const DAY_MS = 86_400_000;

export interface PruneResult {
  activity: number;
  changes: number;
  runs: number;
}

export interface HistoryPrunerDeps {
  cache: Cache;
  settings: SettingsStore;
  now: () => Date;
  /** Told of the activity line that says what was removed (only when something was). */
  onActivity: (line: ActivityLine) => void;
}

/**
 * Keeps history from growing without bound: after each sync, removes activity lines, appointment
 * changes and sync runs older than the settings allow (rules in db/repos/history-retention.ts), in
 * short batches outside any sync's transactions. Prunes run one after another, never side by side.
 */
export class HistoryPruner {
  #queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: HistoryPrunerDeps) {}

  /** Queues a prune behind any already queued; settles with what it removed. */
  prune(): Promise<PruneResult> {
    const next = this.#queue.then(() => this.#prune());
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /** Settles when no prune is queued or running. */
  async idle(): Promise<void> {
    await this.#queue;
  }

  async #prune(): Promise<PruneResult> {
    const { cache } = this.deps;
    const retention = this.deps.settings.read().retention;
    const now = this.deps.now();
    const before = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
    // Activity and changes first: runs they pointed at can then go in the same prune.
    const activity = await inBatches((limit) => cache.retention.activityBefore(before(retention.activityDays), limit));
    const changes = await inBatches((limit) => cache.retention.changesBefore(before(retention.changeDays), now.toISOString(), limit));
    const runs = await inBatches((limit) => cache.retention.runsBefore(before(retention.runDays), limit));
    const result = { activity, changes, runs };
    if (result.activity + result.changes + result.runs > 0) this.#announce(result, retention, now);
    return result;
  }

  #announce(result: PruneResult, retention: RetentionSettings, now: Date): void {
    const parts = [
      result.activity > 0 && `${plural(result.activity, 'activity line')} older than ${describeDays(retention.activityDays)}`,
      result.changes > 0 && `${plural(result.changes, 'appointment change')} older than ${describeDays(retention.changeDays)}`,
      result.runs > 0 && `${plural(result.runs, 'sync run')} older than ${describeDays(retention.runDays)}`,
    ].filter((part): part is string => part !== false);
    const line: ActivityLine = {
      runId: null,
      source: null,
      at: now.toISOString(),
      level: 'info',
      message: `History tidied as set in Settings: removed ${joinList(parts)}.`,
    };
    this.deps.cache.activity.append(line);
    this.deps.onActivity(line);
  }
}

/** Runs `batch` until it removes fewer than a full batch, letting other work run between batches. */
async function inBatches(batch: (limit: number) => number): Promise<number> {
  let total = 0;
  for (;;) {
    const removed = batch(PRUNE_BATCH);
    total += removed;
    if (removed < PRUNE_BATCH) return total;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function joinList(parts: string[]): string {
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}
