import type { Cache } from '../db';
import type { DayAppointment } from '../db/repos/day-sheet';
import { dayBounds, dayOf, mondayOf, shiftDay, spanBounds } from '../day-sheet/clinic-day';
import { toDaySheetCsv } from '../day-sheet/day-sheet-csv';
import { filterRows, practitionersOf } from '../day-sheet/filters';
import { runCovers, succeeded } from '../day-sheet/freshness';
import { toICalendar } from '../day-sheet/icalendar';
import {
  HIDDEN_BY_DEFAULT_STATUSES,
  type DayFreshness,
  type DayKey,
  type DaySheet,
  type DaySheetExportFormat,
  type DaySheetFile,
  type DaySheetFilters,
  type DaySheetRow,
  type Source,
  type SyncRun,
  type WeekDay,
  type WeekGlance,
} from '../domain';
import { UserFacingError } from '../errors';
import type { SettingsStore } from '../settings/app-settings';
import type { HistoryArea } from './history-area';
import type { SyncCoordinator } from './sync-coordinator';

/** How far back the freshness of a day is looked for: beyond this many runs, the day counts as never synced. */
const FRESHNESS_RUNS = 500;

export interface DayRefresh {
  date: DayKey;
  started: Array<{ source: string; runId: number }>;
  refused: Array<{ source: string; code: string; message: string }>;
}

/**
 * The day sheet: a clinic day's appointments (in the clinic's zone, from the local cache), the week
 * at a glance, how fresh each source's copy of the day is, its exports, and "Refresh this day".
 */
export class DaySheetArea {
  constructor(
    private readonly cache: Cache,
    private readonly settings: SettingsStore,
    private readonly history: HistoryArea,
    private readonly coordinator: SyncCoordinator,
    private readonly now: () => Date,
  ) {}

  /** The clinic's zone (the schedule's): a day starts at midnight there. */
  timeZone(): string {
    return this.settings.read().schedule.timeZone;
  }

  /** Today in the clinic's zone. */
  today(): DayKey {
    return dayOf(this.now(), this.timeZone());
  }

  day(date: DayKey, filters: DaySheetFilters = {}): DaySheet {
    const timeZone = this.timeZone();
    const bounds = dayBounds(date, timeZone);
    const sources = this.sourcesFor(undefined);
    const changesSince = this.history.lastSyncStart();
    const all = this.rowsBetween(sources, bounds.from, bounds.to, changesSince);
    return {
      date,
      timeZone,
      ...bounds,
      rows: filterRows(all, filters),
      totalForDay: all.length,
      practitioners: practitionersOf(all),
      changesSince,
      freshness: sources.map((source) => this.freshness(source, bounds.from, bounds.to)),
    };
  }

  /** Monday to Sunday of the week `date` is in: how busy each day is. */
  week(date: DayKey, onlySource?: string): WeekGlance {
    const timeZone = this.timeZone();
    const weekOf = mondayOf(date);
    const { from, to } = spanBounds(weekOf, 7, timeZone);
    const days = new Map<DayKey, WeekDay>();
    for (let i = 0; i < 7; i++) {
      const key = shiftDay(weekOf, i);
      days.set(key, { date: key, active: 0, cancelled: 0, telehealth: 0, firstStartsAt: null, lastStartsAt: null });
    }
    for (const source of this.sourcesFor(onlySource)) {
      for (const row of this.cache.daySheet.appointments(source.id, from, to)) {
        const day = days.get(dayOf(row.startsAt, timeZone));
        if (!day) continue;
        if (HIDDEN_BY_DEFAULT_STATUSES.includes(row.status)) {
          day.cancelled++;
          continue;
        }
        day.active++;
        if (row.telehealthUrl) day.telehealth++;
        if (day.firstStartsAt === null || row.startsAt < day.firstStartsAt) day.firstStartsAt = row.startsAt;
        if (day.lastStartsAt === null || row.startsAt > day.lastStartsAt) day.lastStartsAt = row.startsAt;
      }
    }
    return { timeZone, weekOf, days: [...days.values()] };
  }

  /** The day (or its week, Monday to Sunday) as a CSV or iCalendar file, with the sheet's filters. */
  export(date: DayKey, span: 'day' | 'week', format: DaySheetExportFormat, filters: DaySheetFilters = {}): DaySheetFile {
    const timeZone = this.timeZone();
    const first = span === 'week' ? mondayOf(date) : date;
    const { from, to } = spanBounds(first, span === 'week' ? 7 : 1, timeZone);
    const rows = filterRows(this.rowsBetween(this.sourcesFor(undefined), from, to, this.history.lastSyncStart()), filters);
    const name = span === 'week' ? `week-of-${first}` : first;
    const content =
      format === 'csv'
        ? toDaySheetCsv(rows, timeZone)
        : toICalendar(rows, `ClinicSync appointments ${span === 'week' ? `week of ${first}` : first}`, this.now().toISOString());
    return { fileName: `clinicsync-appointments-${name}.${format}`, content, count: rows.length };
  }

  /**
   * Pulls just this day's window from every source (or one), within each source's rate limits, as
   * `day` runs: progress, activity and history like any sync, and the day's removals reconciled.
   */
  async refreshDay(date: DayKey, source?: string): Promise<DayRefresh & { done: Promise<SyncRun[]> }> {
    const window = dayBounds(date, this.timeZone());
    const sources = this.sourcesFor(source).map((s) => s.id);
    if (sources.length === 0) throw new UserFacingError('no_sources', 'There is nothing to refresh yet: add a source first.');
    const start = await this.coordinator.start({
      sources,
      mode: 'day',
      trigger: 'manual',
      window: { from: window.from, to: window.to },
    });
    return { date, started: start.started, refused: start.refused, done: start.done };
  }

  private sourcesFor(source: string | undefined): Source[] {
    const all = this.cache.sources.list();
    if (source === undefined) return all;
    const found = all.filter((s) => s.id === source);
    if (found.length === 0) throw new UserFacingError('not_found', `There is no source "${source}".`);
    return found;
  }

  private rowsBetween(sources: readonly Source[], from: string, to: string, changesSince: string | null): DaySheetRow[] {
    const rows: DaySheetRow[] = [];
    for (const source of sources) {
      const stored = this.cache.daySheet.appointments(source.id, from, to);
      const changes = changesSince
        ? this.cache.daySheet.changes(
            source.id,
            stored.map((a) => a.externalId),
            changesSince,
          )
        : [];
      const byAppointment = new Map<string, typeof changes>();
      for (const change of changes)
        byAppointment.set(change.appointmentExternalId, [...(byAppointment.get(change.appointmentExternalId) ?? []), change]);
      for (const appointment of stored) {
        const found = byAppointment.get(appointment.externalId) ?? [];
        rows.push(
          toRow(
            appointment,
            source.name,
            found.map((c) => c.kind),
            found.at(-1)?.detectedAt ?? null,
          ),
        );
      }
    }
    // Each source's rows are in start order; merged, ties keep the order of the sources.
    return rows.sort((a, b) => (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : 0));
  }

  private freshness(source: Source, from: string, to: string): DayFreshness {
    let scanned = 0;
    for (const run of this.history.allRuns(source.id)) {
      if (succeeded(run) && runCovers(run, from, to)) {
        return {
          source: source.id,
          sourceName: source.name,
          asOf: run.startedAt,
          runId: run.id,
          syncing: this.coordinator.isSyncing(source.id),
        };
      }
      if (++scanned >= FRESHNESS_RUNS) break;
    }
    return { source: source.id, sourceName: source.name, asOf: null, runId: null, syncing: this.coordinator.isSyncing(source.id) };
  }
}

function toRow(a: DayAppointment, sourceName: string, changes: DaySheetRow['changes'], changedAt: string | null): DaySheetRow {
  const name = a.patientId === null ? null : `${a.patientFirstName ?? ''} ${a.patientLastName ?? ''}`.trim();
  return {
    source: a.source,
    sourceName,
    externalId: a.externalId,
    startsAt: a.startsAt,
    endsAt: a.endsAt,
    patientId: a.patientId,
    patientName: name,
    practitionerName: a.practitionerName,
    serviceName: a.serviceName,
    locationName: a.locationName,
    status: a.status,
    cancellationReason: a.cancellationReason,
    telehealthUrl: a.telehealthUrl,
    changes: [...new Set(changes)],
    changedAt,
  };
}
