import { IANAZone } from 'luxon';
import { z } from 'zod';
import { CLOCK_TIME_PATTERN, minuteOfDay } from './clock-time';

/** Interval lengths a day's slots can be written for exactly, and that staff can pick from. */
export const INTERVAL_MINUTES = [15, 20, 30, 60, 120, 180, 240] as const;

/** The zone this computer is set to, falling back to UTC where the runtime reports none. */
export function systemTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && IANAZone.isValidZone(zone) ? zone : 'UTC';
}

const clockTime = (field: string, example: string) =>
  z
    .string({ error: `${field} must be a time like ${example}.` })
    .regex(CLOCK_TIME_PATTERN, { error: `${field} must be a time like ${example} (24-hour, HH:MM).` });

const onOff = (field: string) => z.boolean({ error: `${field} must be on or off.` });

const weekday = z
  .number({ error: 'Interval weekdays must be days of the week.' })
  .int({ error: 'Interval weekdays must be days of the week.' })
  .min(0, { error: 'Interval weekdays must be days of the week.' })
  .max(6, { error: 'Interval weekdays must be days of the week.' });

const nightlySchema = z.object({
  enabled: onOff('Nightly sync').default(true),
  time: clockTime('Nightly sync time', '03:00').default('03:00'),
});

const intervalSchema = z
  .object({
    enabled: onOff('Interval syncs').default(false),
    everyMinutes: z
      .number({ error: 'Interval length must be a number of minutes.' })
      .refine((minutes) => (INTERVAL_MINUTES as readonly number[]).includes(minutes), {
        error: `Interval length must be one of ${INTERVAL_MINUTES.slice(0, -1).join(', ')} or ${INTERVAL_MINUTES.at(-1)} minutes.`,
      })
      .default(60),
    windowStart: clockTime('Interval window start', '07:00').default('07:00'),
    windowEnd: clockTime('Interval window end', '19:00').default('19:00'),
    weekdays: z
      .array(weekday, { error: 'Interval weekdays must be a list of days.' })
      .transform((days) => [...new Set(days)].sort((a, b) => a - b))
      .default([1, 2, 3, 4, 5]),
  })
  .superRefine((interval, context) => {
    // zod still runs this check when a time failed its format; that failure is reported on its own.
    const bothValid = CLOCK_TIME_PATTERN.test(interval.windowStart) && CLOCK_TIME_PATTERN.test(interval.windowEnd);
    if (bothValid && minuteOfDay(interval.windowStart) >= minuteOfDay(interval.windowEnd)) {
      context.addIssue({ code: 'custom', path: ['windowEnd'], message: 'Interval window end must be later than its start.' });
    }
    if (interval.enabled && interval.weekdays.length === 0) {
      context.addIssue({ code: 'custom', path: ['weekdays'], message: 'Choose at least one weekday for interval syncs.' });
    }
  });

/**
 * When scheduled syncs run. Every field has a default, so `{}` (or settings saved by an older
 * version) parses to a complete schedule: nightly at 03:00 in this computer's zone.
 */
export const scheduleSettingsSchema = z.object({
  enabled: onOff('Scheduled syncs').default(true),
  nightly: nightlySchema.prefault({}),
  timeZone: z
    .string({ error: 'Time zone must be a zone name like Australia/Melbourne.' })
    .refine((zone) => IANAZone.isValidZone(zone), { error: 'Time zone must be a zone name like Australia/Melbourne.' })
    .default(systemTimeZone),
  interval: intervalSchema.prefault({}),
});

export type ScheduleSettings = z.infer<typeof scheduleSettingsSchema>;

export function defaultScheduleSettings(): ScheduleSettings {
  return scheduleSettingsSchema.parse({});
}

/** One problem with one field, keyed by its dotted path (e.g. "interval.windowEnd") for the Settings form. */
export interface SettingsFieldError {
  field: string;
  message: string;
}

export type ParsedScheduleSettings = { ok: true; settings: ScheduleSettings } | { ok: false; errors: SettingsFieldError[] };

export function parseScheduleSettings(input: unknown): ParsedScheduleSettings {
  const result = scheduleSettingsSchema.safeParse(input);
  if (result.success) return { ok: true, settings: result.data };
  return {
    ok: false,
    // A bad list entry ("interval.weekdays.2") is reported on its list, the control staff see.
    errors: result.error.issues.map((issue) => ({
      field: issue.path.filter((key) => typeof key !== 'number').join('.'),
      message: issue.message,
    })),
  };
}
