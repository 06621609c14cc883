import { useCallback, useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Alert, Card, CardHeader, PageHeader } from '../components/ui';
import { ActivityLog } from '../components/sync/ActivityLog';
import { ProgressRow } from '../components/sync/ProgressRow';
import { Refusals, RunSummaries } from '../components/sync/RunSummaries';
import { SchedulerState } from '../components/sync/SchedulerState';
import { SourceBudgets } from '../components/sync/SourceBudgets';
import { SyncControls } from '../components/sync/SyncControls';
import { formatWhen } from '../lib/clinic-time';
import { useNow } from '../hooks/use-now';
import { useActivityStore, useSettingsStore, useSourcesStore, useSyncRunsStore } from '../store/instances';
import { clinicTimeZone } from '../store/settings-store';
import type { SyncMode } from '../store/sync-runs-store';
import '../components/sync/console.css';
import '../components/sync/sync.css';

/** Sync now, live progress per source, what each run did, the scheduler, the activity log and the API budgets. */
export function SyncPage() {
  const runs = useSyncRunsStore(
    useShallow((s) => ({
      loaded: s.loaded,
      loadError: s.loadError,
      progress: s.progress,
      finished: s.finished,
      starting: s.starting,
      startError: s.startError,
      refused: s.refused,
      cancelling: s.cancelling,
    })),
  );
  const { syncNow, cancel, dismissSummary, dismissRefused } = useSyncRunsStore(
    useShallow((s) => ({ syncNow: s.syncNow, cancel: s.cancel, dismissSummary: s.dismissSummary, dismissRefused: s.dismissRefused })),
  );
  const sources = useSourcesStore((s) => s.sources);
  const budgetBaseline = useSourcesStore((s) => s.budgetBaseline);
  const activity = useActivityStore((s) => s.lines);
  const timeZone = useSettingsStore(clinicTimeZone);
  const now = useNow();

  // The stored log is fetched when the page opens; live lines arrive by event meanwhile.
  useEffect(() => {
    void useActivityStore.getState().load();
  }, []);

  const sourceNames = useMemo(() => Object.fromEntries(sources.map((s) => [s.id, s.name])), [sources]);
  const active = Object.values(runs.progress).sort((a, b) =>
    (sourceNames[a.source] ?? a.source).localeCompare(sourceNames[b.source] ?? b.source),
  );
  const finished = Object.values(runs.finished)
    .filter((run) => !runs.progress[run.source])
    .sort((a, b) => b.id - a.id);
  const lastSuccess = sources.reduce<string | null>(
    (latest, s) => (s.lastSuccessAt && (!latest || s.lastSuccessAt > latest) ? s.lastSuccessAt : latest),
    null,
  );
  const onCancel = useCallback((source: string) => void cancel(source), [cancel]);
  const onCancelAll = useCallback(() => void cancel(), [cancel]);
  const onStart = useCallback(
    (mode: SyncMode, chosen?: string[]) => void syncNow({ mode, ...(chosen ? { sources: chosen } : {}) }),
    [syncNow],
  );

  return (
    <div className="cs-page sync-page">
      <PageHeader title="Sync" description="Bring patients and appointments up to date from your practice systems." />

      {runs.loadError && (
        <Alert tone="danger" title="ClinicSync is not responding">
          {runs.loadError} Check that it is still running, then reload this page.
        </Alert>
      )}

      <Card className="sync-panel" aria-label="Sync now">
        <SyncControls
          sources={sources}
          syncingCount={active.length}
          starting={runs.starting}
          cancellingAll={runs.cancelling['*'] === true}
          onStart={onStart}
          onCancelAll={onCancelAll}
        >
          <Refusals refused={runs.refused} startError={runs.startError} sourceNames={sourceNames} onDismiss={dismissRefused} />
          {active.length > 0 && (
            <ul className="sync-progress-list" aria-label="Syncs in progress">
              {active.map((p) => (
                <ProgressRow
                  key={p.source}
                  progress={p}
                  sourceName={sourceNames[p.source] ?? p.source}
                  timeZone={timeZone}
                  cancelling={runs.cancelling[p.source] === true || runs.cancelling['*'] === true}
                  onCancel={onCancel}
                />
              ))}
            </ul>
          )}
          <RunSummaries runs={finished} sourceNames={sourceNames} timeZone={timeZone} onDismiss={dismissSummary} />
          {runs.loaded && active.length === 0 && finished.length === 0 && sources.length > 0 && (
            <p className="cs-small muted sync-idle">
              Nothing is syncing right now.
              {lastSuccess ? ` The last sync finished ${formatWhen(lastSuccess, now, timeZone)}.` : ''}
            </p>
          )}
        </SyncControls>
      </Card>

      <div className="sync-columns">
        <ActivityLog lines={activity} sourceNames={sourceNames} timeZone={timeZone} />
        <div className="sync-side">
          <Card aria-labelledby="sync-schedule-title">
            <CardHeader title="Automatic syncs" titleId="sync-schedule-title" />
            <SchedulerState />
          </Card>
          <SourceBudgets sources={sources} progress={runs.progress} baseline={budgetBaseline} timeZone={timeZone} now={now} />
        </div>
      </div>
    </div>
  );
}
