import { z } from 'zod';
import { APPOINTMENT_STATUSES, DAY_SHEET_EXPORT_FORMATS, type DaySheet, type DaySheetFile, type WeekGlance } from '../core/domain';
import { defineChannel } from './define';
import { sourceId } from './limits';

/** A calendar day, "2026-03-09" (checked again as a real date, in the clinic's zone, by the service). */
export const dayKey = z
  .string({ error: 'Date must be a date like 2026-03-09.' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Date must be a date like 2026-03-09.' });

export const daySheetFilters = z
  .object({
    practitioners: z.array(z.string().max(200)).max(200).optional(),
    statuses: z.array(z.enum(APPOINTMENT_STATUSES)).max(APPOINTMENT_STATUSES.length).optional(),
    telehealthOnly: z.boolean().optional(),
    source: sourceId.optional(),
    search: z.string().max(200).optional(),
  })
  .strict();

export const appointmentChannels = {
  /** One clinic day's appointments from the cache, filtered, with how fresh each source's copy of it is. */
  'appointments:day': defineChannel<DaySheet>()(z.object({ date: dayKey, filters: daySheetFilters.default({}) }).strict()),
  /** The week (Monday to Sunday) around a day, at a glance. */
  'appointments:week': defineChannel<WeekGlance>()(z.object({ date: dayKey, source: sourceId.optional() }).strict()),
  /** The day or its week as CSV or iCalendar, with the sheet's filters. */
  'appointments:export': defineChannel<DaySheetFile>()(
    z
      .object({
        date: dayKey,
        span: z.enum(['day', 'week']).default('day'),
        format: z.enum(DAY_SHEET_EXPORT_FORMATS, { error: 'Format must be csv or ics.' }),
        filters: daySheetFilters.default({}),
      })
      .strict(),
  ),
  /** "Refresh this day": pulls just this day from every source (or one), as `day` runs with progress. */
  'appointments:refreshDay': defineChannel<{
    date: string;
    started: Array<{ source: string; runId: number }>;
    refused: Array<{ source: string; code: string; message: string }>;
  }>()(z.object({ date: dayKey, source: sourceId.optional() }).strict()),
};
