import { z } from 'zod';
import {
  STARTABLE_SYNC_MODES,
  type ActivityLine,
  type FromHub,
  type ScheduleStatusView,
  type SyncProgressView,
  type SyncRun,
  type SyncStatusView,
} from '../core/domain';
import { defineChannel, defineEvent } from './define';
import { empty, sourceId } from './limits';

export const syncChannels = {
  /** Starts syncs in the background (all sources by default) and returns their run ids. */
  'sync:start': defineChannel<{
    started: Array<{ source: string; runId: number }>;
    /** Sources that could not start (already syncing, no key), each with why. */
    refused: Array<{ source: string; code: string; message: string }>;
    /** On a desk of a clinic hub: sources brought up to date from the hub instead, with why. */
    fromHub: FromHub[];
  }>()(
    z
      .object({
        sources: z.array(sourceId).max(50).optional(),
        mode: z.enum(STARTABLE_SYNC_MODES, { error: `Mode must be one of ${STARTABLE_SYNC_MODES.join(', ')}.` }).default('incremental'),
      })
      .strict(),
  ),
  'sync:cancel': defineChannel<{ cancelled: number }>()(z.object({ source: sourceId.optional() }).strict()),
  'sync:status': defineChannel<SyncStatusView>()(empty),
  'schedule:pause': defineChannel<ScheduleStatusView>()(
    z.object({ paused: z.boolean({ error: 'Paused must be true or false.' }) }).strict(),
  ),
};

export const syncEvents = {
  'sync:progress': defineEvent<SyncProgressView>(),
  'sync:activity': defineEvent<ActivityLine>(),
  'sync:finished': defineEvent<SyncRun>(),
  'schedule:changed': defineEvent<ScheduleStatusView>(),
  /** Sources were added, edited, removed or synced: lists built from them are stale. */
  'sources:changed': defineEvent<Record<string, never>>(),
};
