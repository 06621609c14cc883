import { z } from 'zod';
import { hasControlOrBidi } from '../core/domain/display-text';

/** Shared input shapes, so every channel bounds its strings and numbers the same way. */
export const text = (field: string, max: number) =>
  z
    .string({ error: `${field} must be text.` })
    .trim()
    .min(1, { error: `${field} cannot be empty.` })
    .max(max, { error: `${field} can be at most ${max} characters.` });

/** A name a person types: text without control characters or right-to-left overrides, which could disguise it. */
export const displayName = (field: string, max: number) =>
  text(field, max).refine((value) => !hasControlOrBidi(value), {
    error: `${field} cannot contain control characters or text-direction overrides.`,
  });

export const sourceId = z.string({ error: 'Source must be a source id.' }).min(1).max(100);

export const isoInstant = z.iso.datetime({ offset: true, error: 'Time must be an ISO-8601 date and time.' });

export const pageWindow = (maxLimit: number) => ({
  limit: z.number().int().min(1).max(maxLimit).default(Math.min(100, maxLimit)),
  offset: z.number().int().min(0).max(10_000_000).default(0),
});

export const localId = z.number({ error: 'Id must be a number.' }).int().positive();

export const empty = z.object({}).strict();
