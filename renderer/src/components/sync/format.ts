/** Words and numbers for the sync panel. Pure, so they are tested without a browser. */

import { PHASE_LABELS, runCountsLine, type SyncMode, type SyncPhase, type SyncRunStatus } from '@contract';
import type { Tone } from '../ui/Badge';
import { formatCount } from '../../lib/format';
import { etaText } from '../../lib/progress';
import { RUN_STATUS } from '../../lib/status';

export type Phase = SyncPhase;
export type Mode = SyncMode;
export type RunStatus = SyncRunStatus;

/** What the records of a phase are called in "280 of 651 patients". */
const PHASE_UNITS: Record<Phase, string> = {
  connect: 'checks',
  practitioners: 'practitioners',
  patients: 'patients',
  appointments_back: 'appointments',
  enrich: 'appointments',
  appointments_forward: 'appointments',
  appointments_day: 'appointments',
  reconcile: 'records',
};

export const MODE_LABELS: Record<Mode, string> = {
  incremental: 'Sync',
  full: 'Full sync',
  patients_only: 'Patients only',
  upcoming_only: 'Upcoming appointments',
  reconcile_only: 'Check for deleted records',
  day: 'Refresh of one day',
};

/** The single operations of the Advanced section, with what each does in plain words. */
export const ADVANCED_MODES: Array<{ mode: Exclude<Mode, 'incremental' | 'day'>; label: string; description: string }> = [
  {
    mode: 'full',
    label: 'Full sync',
    description: 'Fetch every patient and appointment again, ignoring what was fetched before. Slow; uses many API requests.',
  },
  { mode: 'patients_only', label: 'Patients only', description: 'Refresh patient details without touching appointments.' },
  {
    mode: 'upcoming_only',
    label: 'Upcoming appointments only',
    description: 'Refresh the appointments ahead: quickest way to be sure today’s schedule is right.',
  },
  {
    mode: 'reconcile_only',
    label: 'Check for deleted records',
    description:
      'Find patients and appointments deleted in the practice system and mark them “Deleted at source” (ClinicSync keeps its copy).',
  },
];

export interface ProgressLike {
  phase: Phase;
  step: number;
  steps: number;
  done: number;
  total: number | null;
  percent: number | null;
  etaSeconds: number | null;
  waitingUntil: string | null;
}

export interface ProgressText {
  phase: string;
  /** "Step 3 of 7" */
  step: string;
  /** "280 of 651 patients" or "280 patients" */
  records: string;
  /** "42%", or "" while it cannot be estimated. */
  percent: string;
  /** For the whole run: "About 12 s left", "Waiting for the rate limit until 10:42", or "". */
  eta: string;
  /** Everything above in one sentence, for aria-valuetext. */
  valueText: string;
}

/** The words of one progress row; `clock` formats the wait's end in the clinic's zone. */
export function progressText(p: ProgressLike, clock: (iso: string) => string): ProgressText {
  const phase = PHASE_LABELS[p.phase] ?? p.phase;
  const unit = PHASE_UNITS[p.phase] ?? 'records';
  const step = p.steps > 0 ? `Step ${Math.max(1, p.step)} of ${p.steps}` : '';
  const records =
    p.total !== null && p.total > 0
      ? `${formatCount(Math.min(p.done, p.total))} of ${formatCount(p.total)} ${unit}`
      : p.done > 0
        ? `${formatCount(p.done)} ${unit}`
        : '';
  const percent = p.percent === null ? '' : `${Math.floor(Math.min(100, Math.max(0, p.percent)))}%`;
  const left = etaText(p);
  const eta = p.waitingUntil
    ? `Waiting for the rate limit until ${clock(p.waitingUntil)}${left ? ` · ${left.charAt(0).toLowerCase()}${left.slice(1)}` : ''}`
    : left;
  const valueText = [phase, step.toLowerCase(), records, percent, eta.replace(/^About/, 'about')].filter(Boolean).join(', ');
  return { phase, step, records, percent, eta, valueText };
}

export interface CountsLike {
  patientsTotal: number;
  patientsFound: number;
  patientsNew: number;
  patientsUpdated: number;
  patientsUnchanged: number;
  patientsFailed: number;
  /** Absent on runs recorded before it was counted. */
  patientsRemoved?: number;
  appointmentsNew: number;
  appointmentsUpdated: number;
  appointmentsUnchanged: number;
  appointmentsRemoved: number;
  appointmentsFailed: number;
  errors: number;
}

export interface RunLike {
  status: RunStatus;
  counts: CountsLike;
  errors: Array<{ message: string }>;
  resumeAt: string | null;
  scope: { mode: Mode };
  cursorBefore: Record<string, string> | null;
}

/** Records that could not be stored (skipped with a warning) in a run. */
export function warningCount(counts: CountsLike): number {
  return counts.patientsFailed + counts.appointmentsFailed;
}

/** The sentence shown when a run ends, with the tone of its banner. */
export function runSummary(run: RunLike, sourceName: string, clock: (iso: string) => string): { text: string; tone: Tone } {
  const line = runCountsLine(run);
  const firstError = run.errors[0]?.message;
  switch (run.status) {
    case 'completed':
      return { text: `${line}.`, tone: warningCount(run.counts) > 0 ? 'warn' : 'ok' };
    case 'partial_success':
      return { text: `${line}.${firstError ? ` ${firstError}` : ''}`, tone: 'warn' };
    case 'cancelled': {
      // Cancelled before anything was read: no "Synced 0 patients" after it.
      const c = run.counts;
      const read = c.patientsFound + c.appointmentsNew + c.appointmentsUpdated + c.appointmentsUnchanged > 0;
      return { text: `Sync of ${sourceName} cancelled; what was fetched before that is kept.${read ? ` ${line}.` : ''}`, tone: 'neutral' };
    }
    case 'deferred':
      return {
        text: `Sync of ${sourceName} paused${run.resumeAt ? ` until ${clock(run.resumeAt)}` : ''}: ${firstError ?? 'the API asked ClinicSync to wait.'} It continues by itself.`,
        tone: 'warn',
      };
    case 'failed':
    case 'abandoned':
      return { text: `Sync of ${sourceName} failed: ${firstError ?? 'the sync stopped before it finished.'}`, tone: 'danger' };
    default:
      return { text: `Sync of ${sourceName} is ${RUN_STATUS[run.status].label.toLowerCase()}.`, tone: 'info' };
  }
}

export interface BudgetLike {
  used: number;
  limit: number;
  resetsAt: string;
}

/** "IntakeQ: 37 of 500 requests used today" */
export function budgetLine(name: string, budget: BudgetLike): string {
  return `${name}: ${formatCount(budget.used)} of ${formatCount(budget.limit)} requests used today`;
}

/** How close a budget is to running out. */
export function budgetTone(budget: BudgetLike): Tone {
  const share = budget.limit > 0 ? budget.used / budget.limit : 1;
  return share >= 0.9 ? 'danger' : share >= 0.7 ? 'warn' : 'ok';
}
