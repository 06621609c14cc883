import type { SyncRun } from '../../store/sync-runs-store';
import type { Tone } from '../ui/Badge';
import { formatCount, plural } from '../../lib/format';
import { warningCount } from './format';

export type FinishedRun = Pick<SyncRun, 'status' | 'counts' | 'errors' | 'resumeAt'>;

/** "150 patients (150 new)", "40 appointments (5 new, 3 cancelled)"; "" when none were read. */
function counted(total: number, noun: string, ...changes: Array<[number, string]>): string {
  if (total === 0 && changes.every(([n]) => n === 0)) return '';
  const said = changes.filter(([n]) => n > 0).map(([n, word]) => `${formatCount(n)} ${word}`);
  const head = `${formatCount(total)} ${total === 1 ? noun : `${noun}s`}`;
  return said.length > 0 ? `${head} (${said.join(', ')})` : head;
}

/**
 * One line for a run that just ended, shown on every page: "Synced Demo practice · 650 patients
 * (12 new, 30 updated) · 1,380 appointments (40 new, 3 cancelled)". A run that failed, was cancelled or paused says so and never
 * claims it synced anything.
 */
export function finishedHeadline(run: FinishedRun, sourceName: string, clock: (iso: string) => string): { text: string; tone: Tone } {
  const c = run.counts;
  const reason = run.errors[0]?.message;
  switch (run.status) {
    case 'completed':
    case 'partial_success': {
      const appointments = c.appointmentsNew + c.appointmentsUpdated + c.appointmentsUnchanged;
      const parts = [
        `Synced ${sourceName}`,
        counted(c.patientsFound, 'patient', [c.patientsNew, 'new'], [c.patientsUpdated, 'updated'], [c.patientsRemoved, 'removed']),
        counted(
          appointments,
          'appointment',
          [c.appointmentsNew, 'new'],
          [c.appointmentsUpdated, 'updated'],
          [c.appointmentsCancelled, 'cancelled'],
          [c.appointmentsRemoved, 'removed'],
        ),
      ].filter(Boolean);
      if (parts.length === 1) parts.push('nothing changed');
      const warnings = warningCount(c);
      if (warnings > 0) parts.push(`${formatCount(warnings)} ${warnings === 1 ? 'record' : 'records'} skipped`);
      return { text: parts.join(' · '), tone: run.status === 'partial_success' || warnings > 0 ? 'warn' : 'ok' };
    }
    case 'cancelled':
      return { text: `Sync of ${sourceName} cancelled · what was fetched before is kept`, tone: 'neutral' };
    case 'deferred':
      return {
        text: `Sync of ${sourceName} paused${run.resumeAt ? ` until ${clock(run.resumeAt)}` : ''}: the API asked ClinicSync to wait. It continues by itself`,
        tone: 'warn',
      };
    case 'failed':
    case 'abandoned':
      return { text: `Sync of ${sourceName} failed: ${reason ?? 'it stopped before it finished.'}`, tone: 'danger' };
    default:
      return { text: `Sync of ${sourceName} has not finished`, tone: 'info' };
  }
}

/** A list of names as a sentence says it: "Southside", "Southside and Northside", "A, B and C". */
function joinNames(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

/**
 * What "Sync now" / "Update from hub" did for sources a desk of a clinic hub follows instead of
 * pulling: "Southside is up to date with the clinic hub · 120 records from the other desks applied",
 * or, when this desk's own pulls are still running, that they arrive at their end and why.
 */
export function fromHubHeadline(
  fromHub: Array<{ source: string; reason: string; applied: number | null }>,
  nameOf: (source: string) => string,
): string {
  const waited = fromHub.filter((f) => f.applied !== null);
  const later = fromHub.filter((f) => f.applied === null);
  const lines: string[] = [];
  if (waited.length > 0) {
    const applied = waited[0]?.applied ?? 0;
    const names = joinNames(waited.map((f) => nameOf(f.source)));
    const news = applied > 0 ? `${plural(applied, 'record')} from the other desks applied` : 'nothing new from the other desks';
    lines.push(`${names} ${waited.length === 1 ? 'is' : 'are'} up to date with the clinic hub · ${news}`);
  }
  for (const f of later) lines.push(`${nameOf(f.source)} comes from the clinic hub when this sync ends: ${f.reason}`);
  return lines.join('. ');
}
