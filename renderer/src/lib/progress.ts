import { PHASE_LABELS, type SyncPhase, type SyncProgressView } from '@contract';
import { formatCount } from './format';

const PHASE_NOUNS: Partial<Record<SyncPhase, string>> = {
  practitioners: 'practitioners',
  patients: 'patients',
  appointments_back: 'appointments',
  enrich: 'appointments',
  appointments_forward: 'appointments',
  appointments_day: 'appointments',
};

/**
 * The overall percent of a run: each of its steps weighs the same, and the current step counts by
 * its own share done. Null before anything is known.
 */
export function overallPercent(p: Pick<SyncProgressView, 'step' | 'steps' | 'percent' | 'done' | 'total'>): number | null {
  if (p.steps <= 0) return p.percent;
  const within = p.total && p.total > 0 ? Math.min(1, p.done / p.total) : p.percent !== null ? p.percent / 100 : 0;
  const value = ((Math.max(1, p.step) - 1 + within) / p.steps) * 100;
  return Math.max(0, Math.min(100, value));
}

/** "Patients · step 3 of 7 · 120 of 650 patients" */
export function progressSummary(p: SyncProgressView): string {
  const parts = [PHASE_LABELS[p.phase] ?? p.phase, `step ${p.step} of ${p.steps}`];
  const noun = PHASE_NOUNS[p.phase];
  if (noun && p.total !== null) parts.push(`${formatCount(p.done)} of ${formatCount(p.total)} ${noun}`);
  else if (noun && p.done > 0) parts.push(`${formatCount(p.done)} ${noun}`);
  return parts.join(' · ');
}
