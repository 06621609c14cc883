import type { BudgetPlan } from './budget-plan';
import type { SyncCounts, SyncMode, SyncPhase, SyncRunStatus } from './sync-run';

/** What a run summary needs to know of the run. */
export interface RunCountsSubject {
  counts: RunCountsLike;
  scope: { mode: SyncMode; phases?: readonly SyncPhase[]; plan?: Pick<BudgetPlan, 'reach'> };
  /** The cursors the run started from; without a patient cursor the run read every patient. */
  cursorBefore: Record<string, string> | null;
  /** How the run ended, when it has; a run that stopped early never reads "Synced". */
  status?: SyncRunStatus;
}

/** The counts a run summary reads (the console passes the same fields). */
export type RunCountsLike = Pick<
  SyncCounts,
  | 'patientsTotal'
  | 'patientsFound'
  | 'patientsNew'
  | 'patientsUpdated'
  | 'patientsUnchanged'
  | 'patientsFailed'
  | 'appointmentsNew'
  | 'appointmentsUpdated'
  | 'appointmentsUnchanged'
  | 'appointmentsRemoved'
  | 'appointmentsFailed'
> & {
  /** Absent on runs recorded before it was counted. */
  patientsRemoved?: number;
};

// Fixed locale, so a summary reads the same in the console, the CLI and the activity log.
const numberFormat = new Intl.NumberFormat('en-GB');

/** "1,008 appointments", "1 patient". */
export function countOf(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${numberFormat.format(n)} ${n === 1 ? singular : pluralForm}`;
}

/** Whether the run read every patient (a full run, or the first sync of a source), not just the changed ones. */
function readEveryPatient(run: RunCountsSubject): boolean {
  const { mode, phases } = run.scope;
  if (mode === 'full') return true;
  // A budget-planned interval sync may leave patients to the nightly sync.
  if (phases && !phases.includes('patients')) return false;
  return (mode === 'incremental' || mode === 'patients_only') && run.cursorBefore?.patients === undefined;
}

/**
 * One line of what a run did. A run that read every patient gives the practice's numbers:
 * "Synced 651 patients · 3 new · 5 updated · 643 unchanged · 1,008 appointments" ("Fetched 120
 * patients before it stopped · …" when it failed or was cancelled part-way). Any other run
 * fetched only what changed since its cursors, so it says what it checked and what the cache holds:
 * "Checked 1 patient changed since the last sync (0 new, 0 updated, 1 already up to date) · checked
 * 11 appointments · the cache holds 650 patients".
 */
export function runCountsLine(run: RunCountsSubject): string {
  if (run.scope.plan?.reach === 'none') return 'Nothing fetched: this interval sync was skipped to keep within the daily budget';
  const c = run.counts;
  const all = readEveryPatient(run);
  const appointments = c.appointmentsNew + c.appointmentsUpdated + c.appointmentsUnchanged;
  const stopped = stoppedEarly(run.status);
  const parts =
    stopped && c.patientsFound === 0 && appointments === 0
      ? ['Stopped before any patient or appointment was fetched']
      : all
        ? fullParts(c, appointments, stopped)
        : checkedParts(c, run.scope.mode, appointments, stopped);
  const patientsRemoved = c.patientsRemoved ?? 0;
  if (patientsRemoved > 0) parts.push(`${countOf(patientsRemoved, 'patient')} deleted at source`);
  if (c.appointmentsRemoved > 0) parts.push(`${countOf(c.appointmentsRemoved, 'appointment')} deleted at source`);
  const warnings = c.patientsFailed + c.appointmentsFailed;
  if (warnings > 0) parts.push(countOf(warnings, 'warning'));
  if (!all) parts.push(`the cache holds ${countOf(c.patientsTotal, 'patient')}`);
  return parts.join(' · ');
}

/** Runs that ended before their work was done (a running run has not ended, so it is not one). */
function stoppedEarly(status: SyncRunStatus | undefined): boolean {
  return status === 'failed' || status === 'abandoned' || status === 'cancelled' || status === 'deferred';
}

function fullParts(c: RunCountsLike, appointments: number, stopped: boolean): string[] {
  const parts = [
    stopped ? `Fetched ${countOf(c.patientsFound, 'patient')} before it stopped` : `Synced ${countOf(c.patientsFound, 'patient')}`,
    `${numberFormat.format(c.patientsNew)} new`,
    `${numberFormat.format(c.patientsUpdated)} updated`,
    `${numberFormat.format(c.patientsUnchanged)} unchanged`,
  ];
  if (appointments > 0) parts.push(countOf(appointments, 'appointment'));
  return parts;
}

function checkedParts(c: RunCountsLike, mode: SyncMode, appointments: number, stopped: boolean): string[] {
  const parts: string[] = [];
  const readsPatients = mode === 'incremental' || mode === 'patients_only';
  if (c.patientsFound > 0) {
    const outcome = `${numberFormat.format(c.patientsNew)} new, ${numberFormat.format(c.patientsUpdated)} updated, ${numberFormat.format(c.patientsUnchanged)} already up to date`;
    parts.push(`Checked ${countOf(c.patientsFound, 'patient')} changed since the last sync (${outcome})`);
  } else if (readsPatients && !stopped) {
    parts.push('No patient changed since the last sync');
  }
  if (appointments > 0) {
    const changed = c.appointmentsNew + c.appointmentsUpdated;
    const detail =
      changed > 0 ? ` (${numberFormat.format(c.appointmentsNew)} new, ${numberFormat.format(c.appointmentsUpdated)} updated)` : '';
    parts.push(`${parts.length === 0 ? 'Checked' : 'checked'} ${countOf(appointments, 'appointment')}${detail}`);
  }
  if (parts.length === 0) parts.push('Nothing changed');
  return parts;
}
