import type { SyncProgressView } from '@contract';
import type { Api } from '../api/client';
import { throttle } from './throttle';

/** Phases that write nothing the roster shows. */
const QUIET_PHASES: ReadonlySet<string> = new Set(['connect', 'practitioners']);

/** At most one live re-read of the roster per this many ms while a sync writes. */
export const LIVE_REFRESH_MS = 1000;

/**
 * What a progress event says about the cache: a new mark means records were written since the last
 * one; the same mark (an ETA update, a wait on a rate limit) or a quiet phase means nothing the
 * roster shows could have changed.
 */
export function progressMark(progress: SyncProgressView): string | null {
  return QUIET_PHASES.has(progress.phase) ? null : `${progress.runId}:${progress.phase}:${progress.done}`;
}

interface LiveRoster {
  refresh(live?: boolean): Promise<void>;
}

/**
 * Keeps the roster following a running sync without re-querying on every progress event: only
 * when records were written, at most once per LIVE_REFRESH_MS (the last change is never missed),
 * and once more, no longer held, when a run finishes.
 */
export function bindRosterLive(
  roster: LiveRoster,
  on: Api['on'],
  timers?: Pick<typeof globalThis, 'setTimeout' | 'clearTimeout'>,
): () => void {
  const marks = new Map<string, string>();
  const refreshSoon = throttle(() => void roster.refresh(true), LIVE_REFRESH_MS, timers);
  const unsubscribe = [
    on('sync:progress', (progress) => {
      const mark = progressMark(progress);
      if (mark === null || marks.get(progress.source) === mark) return;
      marks.set(progress.source, mark);
      refreshSoon();
    }),
    on('sync:finished', (run) => {
      marks.delete(run.source);
      refreshSoon.cancel();
      void roster.refresh(false);
    }),
    on('sources:changed', () => refreshSoon()),
  ];
  return () => {
    refreshSoon.cancel();
    for (const off of unsubscribe) off();
  };
}
