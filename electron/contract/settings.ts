import { z } from 'zod';
import type { AppSettings } from '../core/settings/app-settings';
import type { SupportBundleResult } from '../core/domain';
import { defineChannel } from './define';
import { empty } from './limits';

export type { AppSettings };

export const settingsChannels = {
  'settings:get': defineChannel<AppSettings>()(empty),
  /** A partial change; each invalid field comes back in the error's details, keyed by its path. */
  'settings:update': defineChannel<AppSettings>()(z.object({ patch: z.record(z.string().max(50), z.unknown()) }).strict()),
  /** Writes a redacted diagnostics archive (no keys, no patient data) and says where. */
  'support:bundle': defineChannel<SupportBundleResult>()(empty),
};
