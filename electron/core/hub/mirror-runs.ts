import type { Cache } from '../db';
import type { SyncRun } from '../domain';

export type MirrorRuns = ReturnType<typeof createMirrorRuns>;

/**
 * Runs of other desks, copied into this desk's history with the desk that ran them, so History and
 * the change feed read the same everywhere. A run is copied as soon as its first record arrives (the
 * changes it causes here belong to it) and completed when its end arrives.
 */
export function createMirrorRuns(cache: Cache) {
  const { db } = cache;
  const find = db.prepare('SELECT local_run_id FROM hub_mirrored_runs WHERE origin_desk = ? AND origin_run_id = ?').pluck();
  const remember = db.prepare('INSERT INTO hub_mirrored_runs (origin_desk, origin_run_id, local_run_id) VALUES (?, ?, ?)');
  const setDesk = db.prepare('UPDATE sync_runs SET desk = ? WHERE id = ?');
  const describe = db.prepare(
    'UPDATE sync_runs SET desk = @desk, trigger_kind = @trigger, scope = @scope, started_at = @startedAt WHERE id = @id',
  );

  const open = (origin: { deskId: string; deskName: string }, originRunId: number, source: string, startedAt: string): number => {
    const known = find.get(origin.deskId, originRunId) as number | undefined;
    if (known !== undefined) return known;
    const id = cache.runs.create({
      source,
      trigger: 'manual',
      scope: { sources: [source], mode: 'incremental', phases: [], daysBack: 0, daysForward: 0 },
      startedAt,
    });
    setDesk.run(origin.deskName, id);
    remember.run(origin.deskId, originRunId, id);
    return id;
  };

  return {
    /** The local copy of another desk's run, created when first needed. */
    open,

    /** Writes how another desk's run ended onto its local copy. */
    finish(origin: { deskId: string; deskName: string }, run: SyncRun): void {
      const id = open(origin, run.id, run.source, run.startedAt);
      describe.run({ id, desk: origin.deskName, trigger: run.trigger, scope: JSON.stringify(run.scope), startedAt: run.startedAt });
      cache.runs.finish(id, {
        status: run.status,
        finishedAt: run.finishedAt ?? run.startedAt,
        heartbeatAt: run.heartbeatAt ?? undefined,
        counts: run.counts,
        apiRequests: run.apiRequests,
        rateLimitWaitMs: run.rateLimitWaitMs,
        errors: run.errors,
        countCheck: run.countCheck,
        resumeAt: run.resumeAt,
        cursorBefore: run.cursorBefore,
        cursorAfter: run.cursorAfter,
      });
    },
  };
}
