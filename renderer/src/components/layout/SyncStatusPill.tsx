import type { SyncProgressView } from '@contract';
import { useAppStore, useSourcesStore, useSyncRunsStore } from '../../store/instances';
import { etaText, progressSummary, runPercent } from '../../lib/progress';
import { ProgressBar, Spinner } from '../ui';

/** Several runs at once: the share of their steps done, weighing each run the same. */
function combinedPercent(active: SyncProgressView[]): number | null {
  const percents = active.map(runPercent);
  if (percents.some((p) => p === null)) return null;
  return (percents as number[]).reduce((a, b) => a + b, 0) / percents.length;
}

/**
 * A compact "Syncing 45%" in the header while any sync runs, on every page but Sync (which shows the
 * full progress). It shows the percentage the core sends, never its own, and has a fixed width, so
 * numbers changing never move anything else.
 */
export function SyncStatusPill() {
  const progress = useSyncRunsStore((s) => s.progress);
  const sources = useSourcesStore((s) => s.sources);
  const page = useAppStore((s) => s.page);
  const navigate = useAppStore((s) => s.navigate);
  const active = Object.values(progress);
  if (active.length === 0 || page === 'sync') return null;

  const percent = combinedPercent(active);
  const first = active[0];
  const name =
    active.length === 1 && first ? (sources.find((s) => s.id === first.source)?.name ?? first.source) : `${active.length} sources`;
  const eta = active.length === 1 && first ? etaText(first) : '';
  const detail = active.length === 1 && first ? [progressSummary(first), eta].filter(Boolean).join(' · ') : 'Several syncs running';

  return (
    <a
      href="#/sync"
      className="sync-pill"
      title={`${name}: ${detail}`}
      data-testid="sync-pill"
      onClick={(event) => {
        event.preventDefault();
        navigate('sync');
      }}
    >
      <Spinner size={12} />
      <span className="sync-pill-text">
        <span className="sync-pill-name">Syncing {name}</span>
        <span className="sync-pill-percent" data-testid="sync-pill-percent">
          {percent === null ? '' : ` ${Math.floor(percent)}%`}
        </span>
      </span>
      <span className="sync-pill-bar">
        <ProgressBar value={percent} size="sm" label={`Sync of ${name}`} valueText={detail} />
      </span>
    </a>
  );
}
