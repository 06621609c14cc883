import { scheduleSettingsSchema } from '../../../electron/core/schedule';
import type { ScheduleSettings } from '../../../electron/core/schedule';

type SettingsInput = {
  enabled?: boolean;
  timeZone?: string;
  nightly?: Partial<ScheduleSettings['nightly']>;
  interval?: Partial<ScheduleSettings['interval']>;
};

/** Valid settings through the real schema, so tests never build a schedule the app would reject. */
export function settingsWith(input: SettingsInput): ScheduleSettings {
  return scheduleSettingsSchema.parse(input);
}

export const at = (iso: string): Date => new Date(iso);
