import { X } from 'lucide-react';
import { formatClock } from '../../lib/format';
import { useAppStore, useSettingsStore, useSourcesStore, useSyncRunsStore } from '../../store/instances';
import { clinicTimeZone } from '../../store/settings-store';
import { Alert, Button } from '../ui';
import { finishedHeadline } from './finished-words';

/**
 * How the latest runs ended, above every page but Sync (which shows the full summaries): staff who
 * started a sync and moved on still learn what it did, or that it failed.
 */
export function FinishedRunBanner() {
  const page = useAppStore((s) => s.page);
  const navigate = useAppStore((s) => s.navigate);
  const finished = useSyncRunsStore((s) => s.finished);
  const progress = useSyncRunsStore((s) => s.progress);
  const dismiss = useSyncRunsStore((s) => s.dismissSummary);
  const sources = useSourcesStore((s) => s.sources);
  const timeZone = useSettingsStore(clinicTimeZone);
  const runs = Object.values(finished)
    .filter((run) => !progress[run.source])
    .sort((a, b) => b.id - a.id);
  if (page === 'sync' || runs.length === 0) return null;
  return (
    <ul className="notices finished-runs" aria-label="Finished syncs">
      {runs.map((run) => {
        const name = sources.find((s) => s.id === run.source)?.name ?? run.source;
        const { text, tone } = finishedHeadline(run, name, (iso) => formatClock(iso, timeZone));
        return (
          <li key={run.id} data-testid="finished-run" data-status={run.status}>
            <Alert
              tone={tone}
              actions={
                <>
                  <Button size="sm" variant="quiet" onClick={() => navigate('sync')}>
                    Details
                  </Button>
                  <Button
                    size="sm"
                    variant="quiet"
                    icon={<X size={14} aria-hidden="true" />}
                    onClick={() => dismiss(run.source)}
                    aria-label={`Dismiss the summary for ${name}`}
                  />
                </>
              }
            >
              <span data-testid="finished-run-text">{text}</span>
            </Alert>
          </li>
        );
      })}
    </ul>
  );
}
