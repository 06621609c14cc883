import type { Cache } from '../db';
import type { Appointment, Patient } from '../domain';
import { csvLine } from './csv';
import { paged } from './paged';
import type { HistoryArea } from './history-area';
import { RUN_COLUMNS, runRecord } from './run-rows';

export const EXPORT_KINDS = ['patients', 'appointments', 'runs', 'changes'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export type ExportFormat = 'json' | 'csv';

type Row = Record<string, string | number | boolean | null>;

const PATIENT_FIELDS = [
  'source',
  'sourceName',
  'externalId',
  'firstName',
  'lastName',
  'email',
  'phone',
  'dateOfBirth',
  'archived',
  'deleted',
  'remoteUpdatedAt',
  'lastSyncedAt',
] as const satisfies ReadonlyArray<keyof Patient | 'sourceName'>;

const APPOINTMENT_FIELDS = [
  'source',
  'sourceName',
  'externalId',
  'patientExternalId',
  'practitionerExternalId',
  'practitionerName',
  'serviceName',
  'locationName',
  'startsAt',
  'endsAt',
  'status',
  'cancelledAt',
  'cancellationReason',
  'telehealthUrl',
  'deleted',
  'remoteUpdatedAt',
  'lastSyncedAt',
] as const satisfies ReadonlyArray<keyof Appointment | 'sourceName'>;

const CHANGE_FIELDS = [
  'id',
  'source',
  'sourceName',
  'appointmentExternalId',
  'patientExternalId',
  'kind',
  'detectedAt',
  'runId',
  'doneAt',
  'doneBy',
  'before',
  'after',
] as const;

const pick = <T extends object>(record: T, fields: readonly string[]): Row =>
  Object.fromEntries(fields.map((field) => [field, (record as Record<string, Row[string]>)[field] ?? null]));

/** Records carry their source's name beside its id, so an export reads without a look-up table. */
function withSourceName(cache: Cache): <T extends { source: string }>(record: T) => T & { sourceName: string } {
  const names = new Map(cache.sources.list().map((source) => [source.id, source.name]));
  return (record) => ({ ...record, sourceName: names.get(record.source) ?? record.source });
}

/**
 * The records of one kind as text chunks — a JSON array with the domain model's field names, or CSV
 * with a header — produced one record at a time, so an export of any size streams.
 */
export function* exportChunks(
  cache: Cache,
  history: HistoryArea,
  kind: ExportKind,
  format: ExportFormat,
  source?: string,
): Generator<string> {
  const { fields, rows } = recordsOf(cache, history, kind, source);
  if (format === 'csv') {
    yield csvLine(fields);
    for (const row of rows) yield csvLine(fields.map((field) => cell(row[field] ?? null)));
    return;
  }
  yield '[';
  let first = true;
  for (const row of rows) {
    yield `${first ? '\n' : ',\n'}${JSON.stringify(row)}`;
    first = false;
  }
  yield first ? ']\n' : '\n]\n';
}

function recordsOf(
  cache: Cache,
  history: HistoryArea,
  kind: ExportKind,
  source?: string,
): { fields: readonly string[]; rows: Iterable<Row> } {
  const named = withSourceName(cache);
  switch (kind) {
    case 'patients':
      return { fields: PATIENT_FIELDS, rows: map(cache.patients.iterate(source), (p) => pick(named(p), PATIENT_FIELDS)) };
    case 'appointments':
      return {
        fields: APPOINTMENT_FIELDS,
        rows: map(cache.appointments.iterate(source), (a) => pick(named(a), APPOINTMENT_FIELDS)),
      };
    case 'runs':
      return { fields: RUN_COLUMNS, rows: map(history.allRuns(source), runRecord) };
    case 'changes':
      return {
        fields: CHANGE_FIELDS,
        rows: map(
          paged((limit, offset) => cache.changes.list({ source, limit, offset }).rows, 1000),
          (change) => pick(named(change), CHANGE_FIELDS),
        ),
      };
  }
}

function* map<T>(items: Iterable<T>, fn: (item: T) => Row): Generator<Row> {
  for (const item of items) yield fn(item);
}

/** Snapshots (objects) go into a CSV cell as JSON. */
function cell(value: unknown): string | number | boolean | null {
  if (value === null || typeof value !== 'object') return value as string | number | boolean | null;
  return JSON.stringify(value);
}
