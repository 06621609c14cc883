import { z } from 'zod';

/** `""` and absent read as null: some API examples print empty strings where null is meant. */
function blankToNull(value: unknown): unknown {
  return value === '' || value === undefined ? null : value;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
// An ISO-8601 instant; any number of fractional digits (IntakeQ prints seven).
const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;

/** An instant as ISO-8601 UTC with milliseconds, or null when the text is not one. Zoneless text is UTC. */
export function normalizeInstant(text: string): string | null {
  const match = ISO_INSTANT.exec(text.trim());
  if (!match) return null;
  const [, main, fraction = '', zone = 'Z'] = match;
  const ms = Date.parse(`${main}${fraction.slice(0, 4)}${zone}`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

export function isRealDate(text: string): boolean {
  const match = DATE_ONLY.exec(text);
  if (!match) return false;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Date(ms).toISOString().slice(0, 10) === text;
}

/** Remote ids as strings, exactly as sent; whole numbers are tolerated and turned into their digits. */
export const externalId = z.union([z.string().trim().min(1), z.number().int().nonnegative()]).transform((value) => String(value));

export const optionalExternalId = z.preprocess(blankToNull, externalId.nullable());

export const optionalText = z.preprocess(blankToNull, z.string().nullable());

export const optionalBoolean = z.preprocess(blankToNull, z.boolean().nullable());

export const instant = z.string().transform((text, ctx) => {
  const iso = normalizeInstant(text);
  if (iso === null) ctx.addIssue({ code: 'custom', message: 'not an ISO-8601 time' });
  return iso ?? '';
});

export const optionalInstant = z.preprocess(blankToNull, instant.nullable());

export const dateOnly = z.string().refine(isRealDate, { message: 'not a YYYY-MM-DD date' });

export const optionalDate = z.preprocess(blankToNull, dateOnly.nullable());

/** Epoch milliseconds (IntakeQ); a numeric string is tolerated. */
export const epochMs = z
  .union([
    z.number(),
    z
      .string()
      .regex(/^-?\d+$/)
      .transform(Number),
  ])
  .refine((ms) => Number.isFinite(ms) && Math.abs(ms) < 8.64e15, { message: 'not a time' })
  .transform((ms) => new Date(ms).toISOString());

export const optionalEpochMs = z.preprocess(blankToNull, epochMs.nullable());

/** IntakeQ sends some times as epoch ms and documents others loosely: accept either form. */
export const optionalEpochOrInstant = z.preprocess(blankToNull, z.union([epochMs, instant]).nullable());
