import { RefreshCw } from 'lucide-react';
import './scheduler.css';
import { useNow } from '../../hooks/use-now';
import { useScheduleStore, useSettingsStore, useSourcesStore, useSyncRunsStore } from '../../store/instances';
import { clinicTimeZone } from '../../store/settings-store';
import { Button } from '../ui';
import { rosterFreshness } from './roster-sync-words';
import { schedulerWords } from './schedule-words';

/**
 * Refresh where staff are: on the Roster, how fresh the data is, when the next automatic sync
 * runs, and "Sync now" — the same sync, and the same problems, as everywhere else.
 */
export function RosterSyncStrip() {
  const sources = useSourcesStore((s) => s.sources);
  const progress = useSyncRunsStore((s) => s.progress);
  const starting = useSyncRunsStore((s) => s.starting);
  const problem = useSyncRunsStore((s) => s.startError ?? s.refused[0]?.message ?? null);
  const syncNow = useSyncRunsStore((s) => s.syncNow);
  const schedule = useScheduleStore((s) => s.status);
  const timeZone = useSettingsStore(clinicTimeZone);
  const now = useNow();
  if (sources.length === 0) return null;
  const allSyncing = sources.every((s) => progress[s.id] !== undefined);
  const next = schedule ? schedulerWords(schedule, now, timeZone).next : '';
  return (
    <section className="roster-sync" aria-label="Freshness and sync" data-testid="roster-sync">
      <p className="roster-sync-facts">
        <span data-testid="roster-freshness">{rosterFreshness(sources, progress, now, timeZone)}</span>
        {next && (
          <span className="muted" data-testid="roster-next-run">
            {next}
          </span>
        )}
      </p>
      <Button
        size="sm"
        variant="secondary"
        icon={<RefreshCw size={14} aria-hidden="true" />}
        busy={starting}
        disabled={allSyncing}
        onClick={() => void syncNow()}
      >
        Sync now
      </Button>
      {problem && (
        <p className="roster-sync-problem" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
