import type { Cache } from '../db';
import {
  ACTIVITY_LEVELS,
  type ActivityEvent,
  type ActivityLevel,
  type ChangeKind,
  type ChangeView,
  type DoneMark,
  type SyncRun,
  type SyncRunQuery,
  type SyncRunStats,
} from '../domain';
import { UserFacingError } from '../errors';
import { csvLine } from './csv';
import { paged } from './paged';
import { RUN_COLUMNS, runRecord } from './run-rows';

const PAGE = 500;

/** What happened: sync runs, their activity, and the appointment changes they found. */
export class HistoryArea {
  constructor(
    private readonly cache: Cache,
    private readonly now: () => Date,
    /** The computer done-marks are recorded as made on. */
    private readonly desk: string,
  ) {}

  runs(query: SyncRunQuery): { total: number; rows: SyncRun[] } {
    return this.cache.runs.list(query);
  }

  stats(source?: string): SyncRunStats {
    return this.cache.runs.stats(this.now().toISOString(), source);
  }

  run(id: number): { run: SyncRun; activity: ActivityEvent[] } {
    const run = this.cache.runs.get(id);
    if (!run) throw new UserFacingError('not_found', `There is no sync run ${id}.`);
    return { run, activity: this.cache.activity.list({ runId: id, limit: 1000 }) };
  }

  /** Every run, newest first, in pages (for exports of any length). */
  allRuns(source?: string): Generator<SyncRun> {
    return paged((limit, offset) => this.cache.runs.list({ source, limit, offset }).rows, PAGE);
  }

  runsCsv(source?: string): { fileName: string; content: string } {
    let content = csvLine(RUN_COLUMNS);
    for (const run of this.allRuns(source)) content += csvLine(Object.values(runRecord(run)));
    const day = this.now().toISOString().slice(0, 10);
    return { fileName: `clinicsync-sync-history-${day}.csv`, content };
  }

  activity(limit: number, minLevel: ActivityLevel): ActivityEvent[] {
    return this.cache.activity.list({ limit, levels: ACTIVITY_LEVELS.slice(ACTIVITY_LEVELS.indexOf(minLevel)) });
  }

  /** When the last finished sync started: "what changed since the last sync" starts there. */
  lastSyncStart(source?: string): string | null {
    for (const run of this.allRuns(source)) if (run.finishedAt !== null && run.status !== 'abandoned') return run.startedAt;
    return null;
  }

  /** Marks changes done on the work-list (or to do again); the cache keeps the marks for every face. */
  setChangesDone(ids: number[], done: boolean): { found: number; mark: DoneMark | null } {
    const at = this.now().toISOString();
    const mark = done ? { at, by: this.desk } : null;
    return { found: this.cache.changes.setDone(ids, mark, at), mark };
  }

  changes(query: {
    since?: string;
    source?: string;
    kinds?: ChangeKind[];
    includeInitialLoad?: boolean;
    openSince?: string;
    limit: number;
    offset: number;
  }): {
    since: string | null;
    total: number;
    rows: ChangeView[];
  } {
    // The work-list spans every sync; only the plain feed starts at the last one by default.
    const since = query.since ?? (query.openSince === undefined ? this.lastSyncStart(query.source) : undefined) ?? undefined;
    const { includeInitialLoad, ...filters } = query;
    const { total, rows } = this.cache.changes.list({ ...filters, since, hideInitialLoad: includeInitialLoad !== true });
    const names = new Map(this.cache.sources.list().map((source) => [source.id, source.name]));
    return {
      since: since ?? null,
      total,
      rows: rows.map((change) => {
        const patient =
          change.patientExternalId === null ? null : this.cache.patients.getByRemoteId(change.source, change.patientExternalId);
        return {
          ...change,
          patientId: patient?.id ?? null,
          patientName: patient ? `${patient.firstName} ${patient.lastName}`.trim() : null,
          sourceName: names.get(change.source) ?? change.source,
        };
      }),
    };
  }
}
