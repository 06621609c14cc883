import type { SourceView, SyncProgressView } from '@contract';
import { formatWhen } from '../../lib/clinic-time';
import { etaText } from '../../lib/progress';

/**
 * How fresh the roster is, in one phrase: the sync running now (its share done and the whole run's
 * time left), or when the least recently synced source's appointments were last known true.
 */
export function rosterFreshness(sources: SourceView[], progress: Record<string, SyncProgressView>, now: Date, timeZone: string): string {
  const running = Object.values(progress);
  if (running.length > 0) {
    const first = running[0] as SyncProgressView;
    const percent = first.steps > 0 && first.percent !== null ? ` · ${Math.floor(first.percent)}%` : '';
    const left = running.length === 1 ? etaText(first) : '';
    return `Syncing now${running.length > 1 ? ` (${running.length} sources)` : percent}${left ? ` · ${left.toLowerCase()}` : ''}`;
  }
  if (sources.length === 0) return '';
  const never = sources.find((s) => !s.lastSuccessAt);
  if (never) return sources.length > 1 ? `${never.name} has never synced` : 'Never synced';
  const oldest = sources.reduce((a, b) => ((a.lastSuccessAt ?? '') <= (b.lastSuccessAt ?? '') ? a : b));
  const when = formatWhen(oldest.lastSuccessAt as string, now, timeZone);
  return sources.length > 1 ? `Appointments current as of ${when} (${oldest.name}, the oldest)` : `Appointments current as of ${when}`;
}
