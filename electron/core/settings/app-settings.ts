import { z } from 'zod';
import { scheduleSettingsSchema } from '../schedule/schedule-settings';
import { retentionSettingsSchema } from './retention-settings';

export const APPEARANCES = ['system', 'light', 'dark'] as const;

const days = (field: string) =>
  z
    .number({ error: `${field} must be a number of days.` })
    .int({ error: `${field} must be a whole number of days.` })
    .min(1, { error: `${field} must be at least 1 day.` })
    .max(365, { error: `${field} can be at most 365 days.` });

export const syncSettingsSchema = z.object({
  daysBack: days('Days back').default(90),
  daysForward: days('Days forward').default(90),
  discovery: z.enum(['automatic', 'manual'], { error: 'Patient discovery must be automatic or manual.' }).default('automatic'),
});

/**
 * Everything staff can change. Every field has a default, so settings saved by an older version (or
 * none at all) parse to a complete set.
 */
export const appSettingsSchema = z.object({
  schedule: scheduleSettingsSchema.prefault({}),
  sync: syncSettingsSchema.prefault({}),
  retention: retentionSettingsSchema.prefault({}),
  appearance: z.enum(APPEARANCES, { error: 'Appearance must be system, light or dark.' }).default('system'),
  /** Cliniko asks integrators for a contact email in the User-Agent. */
  contactEmail: z.email({ error: 'Contact email must be an email address.' }).nullable().default(null),
});

export type AppSettings = z.infer<typeof appSettingsSchema>;

export function defaultAppSettings(): AppSettings {
  return appSettingsSchema.parse({});
}

/** Where settings live: a JSON file for the CLI and host, electron-store in the desktop app. */
export interface SettingsStore {
  read(): AppSettings;
  write(settings: AppSettings): void;
}
