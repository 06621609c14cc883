/**
 * Reading the sync history: run types, slow runs, the health summary and the chart's points. Pure;
 * the types are the parts of the contract's SyncRun and SyncRunStats these functions read.
 */
import { formatCount } from '../../lib/format';
import type { CountsLike, Mode, RunStatus } from '../sync/format';

export interface HistoryRunLike {
  id: number;
  source: string;
  trigger: 'manual' | 'scheduled' | 'catch_up' | 'retry';
  status: RunStatus;
  startedAt: string;
  durationMs: number | null;
  counts: CountsLike;
  apiRequests: number;
  scope: { mode: Mode };
}

export interface StatsLike {
  averageDurationMs: number | null;
  failuresLast24h: number;
  successRate7d: number | null;
  succeeded: number;
  failed: number;
}

export const TRIGGER_LABELS: Record<HistoryRunLike['trigger'], string> = {
  manual: 'Manual',
  scheduled: 'Scheduled',
  catch_up: 'Catch-up',
  // Automatic: a failed scheduled run tried again, or a deferred one continued.
  retry: 'Retry',
};

export const TYPE_LABELS: Record<Mode, string> = {
  incremental: 'Changes only',
  full: 'Full',
  patients_only: 'Patients only',
  upcoming_only: 'Upcoming only',
  reconcile_only: 'Deleted records',
  day: 'One day',
};

/** What each type of run did, said once, in the type's tooltip. */
export const TYPE_HINTS: Record<Mode, string> = {
  incremental: 'Fetched only what changed in the practice system since the last sync.',
  full: 'Fetched every patient and appointment again.',
  patients_only: 'Refreshed patient details; appointments were left as they were.',
  upcoming_only: 'Refreshed the appointments ahead.',
  reconcile_only:
    'Looked for patients and appointments deleted in the practice system; ClinicSync keeps its copy, marked “Deleted at source”.',
  day: 'Refreshed the appointments of one day.',
};

/** More than this many failures in 24 hours raises the banner. */
export const FAILURE_BANNER_THRESHOLD = 2;
/** A run slower than this multiple of the average is flagged. */
export const SLOW_FACTOR = 2;
/** Runs shorter than this are never called slow, whatever the average (noise at small sizes). */
export const SLOW_FLOOR_MS = 5_000;

/**
 * Whether a successful run took more than twice the average duration of successful runs (a cancelled
 * or failed run's duration says nothing about speed).
 */
export function isSlowRun(run: Pick<HistoryRunLike, 'durationMs' | 'status'>, averageMs: number | null): boolean {
  if (run.status !== 'completed' && run.status !== 'partial_success') return false;
  if (run.durationMs === null || averageMs === null || averageMs <= 0) return false;
  return run.durationMs > SLOW_FACTOR * averageMs && run.durationMs >= SLOW_FLOOR_MS;
}

export function showFailureBanner(stats: Pick<StatsLike, 'failuresLast24h'>): boolean {
  return stats.failuresLast24h > FAILURE_BANNER_THRESHOLD;
}

/** "96%", or "—" with no runs in the window. */
export function formatRate(rate: number | null): string {
  if (rate === null) return '—';
  const pct = rate * 100;
  return `${pct >= 99.5 && pct < 100 ? pct.toFixed(1) : Math.round(pct)}%`;
}

/** Patients and appointments a run looked at. */
export function recordsOf(counts: CountsLike): number {
  return counts.patientsFound + counts.appointmentsNew + counts.appointmentsUpdated + counts.appointmentsUnchanged;
}

/** "3 new · 5 updated" (only what is not zero), or "No changes". */
export function changesLine(counts: CountsLike): string {
  const parts: string[] = [];
  const n = counts.patientsNew + counts.appointmentsNew;
  const u = counts.patientsUpdated + counts.appointmentsUpdated;
  if (n) parts.push(`${formatCount(n)} new`);
  if (u) parts.push(`${formatCount(u)} updated`);
  if (counts.appointmentsRemoved) parts.push(`${formatCount(counts.appointmentsRemoved)} removed`);
  return parts.length ? parts.join(' · ') : 'No changes';
}

export interface ChartPoint {
  id: number;
  startedAt: string;
  label: string;
  durationS: number;
  records: number;
  status: RunStatus;
}

/** Finished runs oldest first, as the chart draws them. */
export function chartPoints(runs: HistoryRunLike[], label: (iso: string) => string): ChartPoint[] {
  return runs
    .filter((r) => r.durationMs !== null)
    .slice()
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id - b.id)
    .map((r) => ({
      id: r.id,
      startedAt: r.startedAt,
      label: label(r.startedAt),
      durationS: Math.round((r.durationMs ?? 0) / 100) / 10,
      records: recordsOf(r.counts),
      status: r.status,
    }));
}
