import { z } from 'zod';
import { CHANGE_KINDS, type ChangeView } from '../core/domain';
import { defineChannel } from './define';
import { isoInstant, pageWindow, sourceId } from './limits';

export const changeChannels = {
  /** Changes detected since `since`; without it, since the start of the last sync that finished. */
  'changes:list': defineChannel<{ since: string | null; total: number; rows: ChangeView[] }>()(
    z
      .object({
        since: isoInstant.optional(),
        source: sourceId.optional(),
        kinds: z.array(z.enum(CHANGE_KINDS)).max(CHANGE_KINDS.length).optional(),
        /** The first sync of a source finds every appointment "new"; it is left out unless asked for. */
        includeInitialLoad: z.boolean().default(false),
        ...pageWindow(1000),
      })
      .strict(),
  ),
};
