import { PHASE_LABELS, type SyncPhase, type SyncProgressView } from '@contract';
import { formatCount, formatDuration } from './format';

const PHASE_NOUNS: Partial<Record<SyncPhase, string>> = {
  practitioners: 'practitioners',
  patients: 'patients',
  appointments_back: 'appointments',
  enrich: 'appointments',
  appointments_forward: 'appointments',
  appointments_day: 'appointments',
};

/** "Patients · step 3 of 7 · 120 of 650 patients" */
export function progressSummary(p: SyncProgressView): string {
  const parts = [PHASE_LABELS[p.phase] ?? p.phase, `step ${p.step} of ${p.steps}`];
  const noun = PHASE_NOUNS[p.phase];
  if (noun && p.total !== null) parts.push(`${formatCount(p.done)} of ${formatCount(p.total)} ${noun}`);
  else if (noun && p.done > 0) parts.push(`${formatCount(p.done)} ${noun}`);
  return parts.join(' · ');
}

/** "About 3 min 5 s left" for the whole run (the core counts every step and rate-limit wait); "" while unknown. */
export function etaText(p: Pick<SyncProgressView, 'etaSeconds'>): string {
  return p.etaSeconds !== null && p.etaSeconds > 0 ? `About ${formatDuration(p.etaSeconds * 1000)} left` : '';
}

/** The run's share done as the core reports it (0–100 over the whole run), clamped for a bar; null while unknown. */
export function runPercent(p: Pick<SyncProgressView, 'percent' | 'steps'>): number | null {
  if (p.steps === 0 || p.percent === null) return null;
  return Math.max(0, Math.min(100, p.percent));
}
