/** What an upsert did with one remote record. Unchanged records still have lastSyncedAt bumped. */
export type UpsertOutcome = 'new' | 'updated' | 'unchanged';

export interface RecordOutcome {
  externalId: string;
  outcome: UpsertOutcome;
}

/** Every row of a page must belong to the source it is upserted for. */
export function assertSameSource(source: string, rows: ReadonlyArray<{ source: string; externalId: string }>): void {
  const stray = rows.find((row) => row.source !== source);
  if (stray) throw new Error(`Record ${stray.externalId} belongs to source ${stray.source}, not ${source}.`);
}
