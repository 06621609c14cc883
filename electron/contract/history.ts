import { z } from 'zod';
import { ACTIVITY_LEVELS, SYNC_RUN_STATUSES, type ActivityEvent, type SyncRun, type SyncRunStats } from '../core/domain';
import { defineChannel } from './define';
import { localId, pageWindow, sourceId } from './limits';

export const historyChannels = {
  'history:list': defineChannel<{ total: number; rows: SyncRun[] }>()(
    z.object({ source: sourceId.optional(), status: z.enum(SYNC_RUN_STATUSES).optional(), ...pageWindow(500) }).strict(),
  ),
  'history:stats': defineChannel<SyncRunStats>()(z.object({ source: sourceId.optional() }).strict()),
  'history:run': defineChannel<{ run: SyncRun; activity: ActivityEvent[] }>()(z.object({ id: localId }).strict()),
  /** The whole history as CSV, for a spreadsheet. */
  'history:csv': defineChannel<{ fileName: string; content: string }>()(z.object({ source: sourceId.optional() }).strict()),
  'activity:recent': defineChannel<ActivityEvent[]>()(
    z.object({ limit: z.number().int().min(1).max(1000).default(200), minLevel: z.enum(ACTIVITY_LEVELS).default('info') }).strict(),
  ),
};
