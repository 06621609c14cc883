import type { z } from 'zod';
import { UserFacingError } from '../errors';
import { appSettingsSchema, type AppSettings } from './app-settings';

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends Array<unknown> ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K] };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Merges a partial change into the current settings; arrays and scalars replace, objects merge. */
export function mergeSettings(current: unknown, patch: unknown): unknown {
  if (!isPlainObject(current) || !isPlainObject(patch)) return patch === undefined ? current : patch;
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    merged[key] = mergeSettings(current[key], value);
  }
  return merged;
}

/**
 * Applies a change and validates the result as a whole, so cross-field rules (a window's end after
 * its start) hold. Invalid changes throw with one message per field, keyed by its dotted path.
 */
export function applySettingsChange(current: AppSettings, patch: unknown): AppSettings {
  const unknown = unknownFields(current, patch, '');
  if (unknown.length > 0) {
    const fields = unknown.map((field) => ({ field, message: `There is no setting called "${field}".` }));
    throw new UserFacingError('invalid_settings', fields.map((f) => f.message).join(' '), { fields });
  }
  const result = appSettingsSchema.safeParse(mergeSettings(current, patch));
  if (result.success) return result.data;
  const fields = fieldProblems(result.error);
  throw new UserFacingError('invalid_settings', fields.map((f) => f.message).join(' '), { fields });
}

/** Paths in the patch that name no setting (current settings are complete, so every real one is there). */
function unknownFields(current: unknown, patch: unknown, prefix: string): string[] {
  if (!isPlainObject(patch) || !isPlainObject(current)) return [];
  return Object.keys(patch).flatMap((key) => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (!Object.hasOwn(current, key)) return [path];
    return unknownFields(current[key], patch[key], path);
  });
}

/** Each invalid setting by its dotted path ("retention.activityDays"), with the schema's message. */
export function fieldProblems(error: z.ZodError): Array<{ field: string; message: string }> {
  return error.issues.map((issue) => ({
    field: issue.path.filter((key) => typeof key !== 'number').join('.'),
    message: issue.message,
  }));
}

/** Why a settings file was not used, naming each bad value so it can be fixed by hand. */
export function invalidFileProblem(error: z.ZodError): string {
  const problems = fieldProblems(error).map(({ field, message }) => (field ? `${field}: ${message}` : message));
  return `has values ClinicSync does not accept (${problems.join(' ')})`;
}
