import type { SyncProgressView } from '../core/domain';
import { PHASE_LABELS } from '../core/sync/plan';

const BAR_WIDTH = 24;

/** "Patients  [██████░░░░] 42%  280/651  step 3 of 7  ETA 12 s" — or the rate-limit wait. */
export function progressLine(name: string, p: SyncProgressView): string {
  const percent = p.percent ?? 0;
  const filled = Math.round((percent / 100) * BAR_WIDTH);
  const bar = `[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}]`;
  const counts = p.total !== null ? `${p.done}/${p.total}` : `${p.done}`;
  const tail = p.waitingUntil
    ? `waiting for the rate limit until ${new Date(p.waitingUntil).toLocaleTimeString()}`
    : p.etaSeconds !== null
      ? `ETA ${formatSeconds(p.etaSeconds)}`
      : '';
  return `${name}: ${PHASE_LABELS[p.phase]} ${bar} ${Math.round(percent)}%  ${counts}  step ${p.step} of ${p.steps}  ${tail}`.trimEnd();
}

export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.max(0, Math.round(seconds))} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes} min ${Math.round(seconds % 60)} s` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function formatDuration(ms: number | null): string {
  return ms === null ? '—' : ms < 1000 ? `${ms} ms` : formatSeconds(ms / 1000);
}
