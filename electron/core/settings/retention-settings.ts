import { z } from 'zod';

/** Shortest and longest time history can be kept: a week to look into last week's problem, ten years at most. */
export const RETENTION_MIN_DAYS = 7;
export const RETENTION_MAX_DAYS = 3650;

const keptDays = (what: string) =>
  z
    .number({ error: `${what} must be kept for a number of days.` })
    .int({ error: `${what} must be kept for a whole number of days.` })
    .min(RETENTION_MIN_DAYS, { error: `${what} must be kept for at least ${RETENTION_MIN_DAYS} days.` })
    .max(RETENTION_MAX_DAYS, { error: `${what} can be kept for at most ${RETENTION_MAX_DAYS} days (10 years).` });

/**
 * How long history is kept before it is removed after a sync (electron/core/app/history-pruner.ts):
 * the activity log, sync runs, and the appointment changes with their before/after snapshots.
 */
export const retentionSettingsSchema = z.object({
  activityDays: keptDays('Activity log lines').default(90),
  runDays: keptDays('Sync runs').default(730),
  changeDays: keptDays('Appointment changes').default(365),
});

export type RetentionSettings = z.infer<typeof retentionSettingsSchema>;

/** "90 days", "1 year", "2 years": a number of days as people say it. */
export function describeDays(days: number): string {
  if (days % 365 === 0) return days === 365 ? '1 year' : `${days / 365} years`;
  return `${days.toLocaleString('en-US')} days`;
}
