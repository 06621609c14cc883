import type { z } from 'zod';
import type { Page, RecordError } from '../types';
import { externalId } from './fields';

export interface RecordReader<S extends z.ZodType, R> {
  /** e.g. "Cliniko patient": names the record in error messages, never its content. */
  label: string;
  schema: S;
  /** Where the raw record keeps its id, so a broken record can still be named. */
  idField: string;
  /**
   * Where the raw record says it was deleted (Cliniko's `deleted_at`). A record with a value there is
   * a deletion whatever else it lacks: only its id is read.
   */
  deletedField?: string;
  toDomain(parsed: z.output<S>): R;
  updatedAt(record: R): string | null;
  /**
   * Fields of a parsed record that point at data ClinicSync could not read (e.g. an unreadable linked
   * business): such a record is skipped like an unreadable one rather than mapped with blanks.
   */
  unreadableLinks?(parsed: z.output<S>): string[];
}

/**
 * Parses and maps each raw record on its own: one that fails becomes a counted RecordError naming
 * only its id and the unreadable fields (never their values), and the rest go through.
 */
export function readRecords<S extends z.ZodType, R>(
  items: readonly Record<string, unknown>[],
  reader: RecordReader<S, R>,
): Omit<Page<R>, 'totalEntries' | 'last'> {
  const records: R[] = [];
  const errors: RecordError[] = [];
  const deletedIds: string[] = [];
  let maxRemoteUpdatedAt: string | null = null;
  for (const item of items) {
    const deletedAt = reader.deletedField === undefined ? null : item[reader.deletedField];
    if (deletedAt !== null && deletedAt !== undefined && deletedAt !== '') {
      const id = externalId.safeParse(item[reader.idField]);
      if (id.success) deletedIds.push(id.data);
      else errors.push(recordError(reader.label, item[reader.idField], [{ path: [reader.idField] }]));
      continue;
    }
    const parsed = reader.schema.safeParse(item);
    if (!parsed.success) {
      errors.push(recordError(reader.label, item[reader.idField], parsed.error.issues));
      continue;
    }
    const broken = reader.unreadableLinks?.(parsed.data) ?? [];
    if (broken.length > 0) {
      errors.push(
        recordError(
          reader.label,
          item[reader.idField],
          broken.map((field) => ({ path: [field] })),
        ),
      );
      continue;
    }
    const record = reader.toDomain(parsed.data);
    records.push(record);
    maxRemoteUpdatedAt = laterOf(maxRemoteUpdatedAt, reader.updatedAt(record));
  }
  return { records, errors, deletedIds, maxRemoteUpdatedAt };
}

function recordError(label: string, rawId: unknown, issues: ReadonlyArray<Pick<z.core.$ZodIssue, 'path'>>): RecordError {
  const externalId = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : null;
  const fields = [...new Set(issues.map((issue) => (issue.path.length > 0 ? issue.path.join('.') : 'record')))];
  return {
    kind: 'invalid_data',
    externalId,
    message: `${label} ${externalId ?? '(without an id)'} was skipped: unreadable ${fields.join(', ')}.`,
  };
}

export interface RawPage {
  items: Record<string, unknown>[];
  totalEntries?: number;
  /** Whether the listing has no page after this one, when the API's paging tells (see Page.last). */
  last?: boolean;
}

/**
 * Maps a listing page by page. A record already seen earlier in the same listing is dropped: offset
 * paging over data that changes mid-pull can repeat a row at a page boundary.
 */
export async function* mapPages<S extends z.ZodType, R>(
  rawPages: AsyncIterable<RawPage>,
  reader: RecordReader<S, R>,
): AsyncGenerator<Page<R>> {
  const seen = new Set<string>();
  for await (const raw of rawPages) {
    const fresh = raw.items.filter((item) => {
      const id = item[reader.idField];
      if (typeof id !== 'string' && typeof id !== 'number') return true;
      if (seen.has(String(id))) return false;
      seen.add(String(id));
      return true;
    });
    const page: Page<R> = readRecords(fresh, reader);
    if (raw.totalEntries !== undefined) page.totalEntries = raw.totalEntries;
    if (raw.last !== undefined) page.last = raw.last;
    yield page;
  }
}

/** The later of two ISO-8601 UTC times (same format, so text order is time order); null is "none". */
export function laterOf(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

/** Several pages as one, e.g. the answers to a batch of lookups. */
export function mergePages<R>(pages: readonly Omit<Page<R>, 'totalEntries' | 'last'>[]): Page<R> {
  return {
    records: pages.flatMap((page) => page.records),
    errors: pages.flatMap((page) => page.errors),
    deletedIds: pages.flatMap((page) => page.deletedIds),
    maxRemoteUpdatedAt: pages.reduce<string | null>((latest, page) => laterOf(latest, page.maxRemoteUpdatedAt), null),
  };
}
