import { useCallback, useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Alert, Card, PageHeader } from '../components/ui';
import { ActivityLog } from '../components/sync/ActivityLog';
import { ProgressRow } from '../components/sync/ProgressRow';
import { Refusals, RunSummaries } from '../components/sync/RunSummaries';
import { SourceBudgets } from '../components/sync/SourceBudgets';
import { SyncControls } from '../components/sync/SyncControls';
import { formatWhen } from '../components/sync/clinic-time';
import { useNow } from '../hooks/use-now';
import { useSyncStore, type SyncMode } from '../store/sync-store';
import '../components/sync/console.css';
import '../components/sync/sync.css';

/** Sync now, live progress per source, what each run did, the activity log and the API budgets. */
export function SyncPage() {
  const state = useSyncStore(
    useShallow((s) => ({
      loaded: s.loaded,
      loadError: s.loadError,
      sources: s.sources,
      progress: s.progress,
      finished: s.finished,
      activity: s.activity,
      starting: s.starting,
      startError: s.startError,
      refused: s.refused,
      cancelling: s.cancelling,
      budgetBaseline: s.budgetBaseline,
      timeZone: s.timeZone,
    })),
  );
  const { load, start, cancel, dismissSummary, dismissRefused } = useSyncStore(
    useShallow((s) => ({
      load: s.load,
      start: s.start,
      cancel: s.cancel,
      dismissSummary: s.dismissSummary,
      dismissRefused: s.dismissRefused,
    })),
  );
  const now = useNow();

  useEffect(() => {
    void load();
  }, [load]);

  const sourceNames = useMemo(() => Object.fromEntries(state.sources.map((s) => [s.id, s.name])), [state.sources]);
  const active = Object.values(state.progress).sort((a, b) =>
    (sourceNames[a.source] ?? a.source).localeCompare(sourceNames[b.source] ?? b.source),
  );
  const finished = Object.values(state.finished)
    .filter((run) => !state.progress[run.source])
    .sort((a, b) => b.id - a.id);
  const lastSuccess = state.sources.reduce<string | null>(
    (latest, s) => (s.lastSuccessAt && (!latest || s.lastSuccessAt > latest) ? s.lastSuccessAt : latest),
    null,
  );
  const onCancel = useCallback((source: string) => void cancel(source), [cancel]);
  const onCancelAll = useCallback(() => void cancel(), [cancel]);
  const onStart = useCallback((mode: SyncMode, sources?: string[]) => void start(mode, sources), [start]);

  return (
    <div className="cs-page sync-page">
      <PageHeader title="Sync" description="Bring patients and appointments up to date from your practice systems." />

      {state.loadError && (
        <Alert tone="danger" title="ClinicSync is not responding">
          {state.loadError} Check that it is still running, then reload this page.
        </Alert>
      )}

      <Card className="sync-panel" aria-label="Sync now">
        <SyncControls
          sources={state.sources}
          syncingCount={active.length}
          starting={state.starting}
          cancellingAll={state.cancelling['*'] === true}
          onStart={onStart}
          onCancelAll={onCancelAll}
        >
          <Refusals refused={state.refused} startError={state.startError} sourceNames={sourceNames} onDismiss={dismissRefused} />
          {active.length > 0 && (
            <ul className="sync-progress-list" aria-label="Syncs in progress">
              {active.map((p) => (
                <ProgressRow
                  key={p.source}
                  progress={p}
                  sourceName={sourceNames[p.source] ?? p.source}
                  timeZone={state.timeZone}
                  cancelling={state.cancelling[p.source] === true || state.cancelling['*'] === true}
                  onCancel={onCancel}
                />
              ))}
            </ul>
          )}
          <RunSummaries runs={finished} sourceNames={sourceNames} timeZone={state.timeZone} onDismiss={dismissSummary} />
          {state.loaded && active.length === 0 && finished.length === 0 && state.sources.length > 0 && (
            <p className="cs-small muted sync-idle">
              Nothing is syncing right now.
              {lastSuccess ? ` The last sync finished ${formatWhen(lastSuccess, now, state.timeZone)}.` : ''}
            </p>
          )}
        </SyncControls>
      </Card>

      <div className="sync-columns">
        <ActivityLog lines={state.activity} sourceNames={sourceNames} timeZone={state.timeZone} />
        <SourceBudgets
          sources={state.sources}
          progress={state.progress}
          baseline={state.budgetBaseline}
          timeZone={state.timeZone}
          now={now}
        />
      </div>
    </div>
  );
}
