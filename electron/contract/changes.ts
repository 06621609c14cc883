import { z } from 'zod';
import { CHANGE_KINDS, MAX_DONE_IDS, type ChangeView, type DoneMark } from '../core/domain';
import { defineChannel } from './define';
import { isoInstant, localId, pageWindow, sourceId } from './limits';

export const changeChannels = {
  /**
   * Changes detected since `since`; without it, since the start of the last sync that finished —
   * unless `openSince` asks for the work-list: every change still to do, plus those marked done at or
   * after `openSince`, however many syncs ago they were found.
   */
  'changes:list': defineChannel<{ since: string | null; total: number; rows: ChangeView[] }>()(
    z
      .object({
        since: isoInstant.optional(),
        source: sourceId.optional(),
        kinds: z.array(z.enum(CHANGE_KINDS)).max(CHANGE_KINDS.length).optional(),
        /** The first sync of a source finds every appointment "new"; it is left out unless asked for. */
        includeInitialLoad: z.boolean().default(false),
        openSince: isoInstant.optional(),
        ...pageWindow(1000),
      })
      .strict(),
  ),
  /**
   * Ticks changes off on the work-list (or back to do). Marking a change already done keeps its first
   * mark; ids of changes no longer kept are passed over. `found`: how many of the ids exist.
   */
  'changes:setDone': defineChannel<{ found: number; mark: DoneMark | null }>()(
    z
      .object({
        ids: z
          .array(localId)
          .min(1, { error: 'Choose at least one change.' })
          .max(MAX_DONE_IDS, { error: `At most ${MAX_DONE_IDS} changes can be marked at once.` }),
        done: z.boolean({ error: 'Done must be true or false.' }),
      })
      .strict(),
  ),
};
