import { z } from 'zod';
import type { AppSettings } from '../core/settings/app-settings';
import type { CacheCheckResult, SupportBundleResult } from '../core/domain';
import { defineChannel } from './define';
import { empty } from './limits';

export type { AppSettings };

export const settingsChannels = {
  'settings:get': defineChannel<AppSettings>()(empty),
  /** A partial change; each invalid field comes back in the error's details, keyed by its path. */
  'settings:update': defineChannel<AppSettings>()(
    z
      .object({
        // Kept as sent (a record schema would copy it and drop a "__proto__" key unseen): the service
        // names every key that is not a setting.
        patch: z.custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), {
          error: 'The settings change must be an object of settings.',
        }),
      })
      .strict(),
  ),
  /** Writes a redacted diagnostics archive (no keys, no patient data) and says where. */
  'support:bundle': defineChannel<SupportBundleResult>()(empty),
  /** Reads and verifies every page of the local cache now. */
  'support:check-cache': defineChannel<CacheCheckResult>()(empty),
};
