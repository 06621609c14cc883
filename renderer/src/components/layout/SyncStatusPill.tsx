import { useAppStore } from '../../store/app-store';
import { useSourcesStore } from '../../store/sources-store';
import { overallPercent, progressSummary } from '../../lib/progress';
import { ProgressBar, Spinner } from '../ui';

/**
 * A compact "Syncing 45%" in the header while any sync runs, on every page but Sync (which shows the
 * full progress). It has a fixed width, so numbers changing never move anything else.
 */
export function SyncStatusPill() {
  const progress = useSourcesStore((s) => s.progress);
  const sources = useSourcesStore((s) => s.sources);
  const page = useAppStore((s) => s.page);
  const navigate = useAppStore((s) => s.navigate);
  const active = Object.values(progress);
  if (active.length === 0 || page === 'sync') return null;

  const percents = active.map(overallPercent);
  const known = percents.filter((p): p is number => p !== null);
  const percent = known.length === active.length ? known.reduce((a, b) => a + b, 0) / known.length : null;
  const first = active[0];
  const name =
    active.length === 1 && first ? (sources.find((s) => s.id === first.source)?.name ?? first.source) : `${active.length} sources`;
  const detail = active.length === 1 && first ? progressSummary(first) : 'Several syncs running';

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
        <span className="sync-pill-percent">{percent === null ? '' : ` ${Math.round(percent)}%`}</span>
      </span>
      <span className="sync-pill-bar">
        <ProgressBar value={percent} size="sm" label={`Sync of ${name}`} valueText={detail} />
      </span>
    </a>
  );
}
