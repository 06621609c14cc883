import { Download, History } from 'lucide-react';
import { useShallow } from 'zustand/react/shallow';
import { Alert, Button, Card, CardHeader, EmptyState, Field, PageHeader, Select, Skeleton } from '../components/ui';
import { HealthSummary } from '../components/history/HealthSummary';
import { isSlowRun, showFailureBanner } from '../components/history/health';
import { RunChart } from '../components/history/RunChart';
import { RunDetailDialog } from '../components/history/RunDetailDialog';
import { RunTable } from '../components/history/RunTable';
import { formatWhen } from '../lib/clinic-time';
import type { RunStatus } from '../components/sync/format';
import { formatDuration } from '../lib/format';
import { useClinicContext } from '../hooks/use-clinic-context';
import { HISTORY_PAGE_SIZE, type RunStatusFilter } from '../store/history-store';
import { useHistoryStore, useScheduleStore } from '../store/instances';
import '../components/sync/console.css';
import '../components/history/history.css';
import { RUN_STATUS } from '../lib/status';

const STATUS_FILTERS = Object.keys(RUN_STATUS) as RunStatus[];

/** Every sync run, the health of syncing over time, one run's details, and a CSV export. */
export function HistoryPage() {
  const h = useHistoryStore(
    useShallow((s) => ({
      status: s.status,
      error: s.error,
      stats: s.stats,
      runs: s.runs,
      total: s.total,
      offset: s.offset,
      statusFilter: s.statusFilter,
      sourceFilter: s.sourceFilter,
      recent: s.recent,
      detailId: s.detailId,
      detail: s.detail,
      detailError: s.detailError,
      exporting: s.exporting,
      exportError: s.exportError,
    })),
  );
  const actions = useHistoryStore(
    useShallow((s) => ({
      load: s.load,
      setPage: s.setPage,
      setStatusFilter: s.setStatusFilter,
      setSourceFilter: s.setSourceFilter,
      openRun: s.openRun,
      closeRun: s.closeRun,
      exportCsv: s.exportCsv,
    })),
  );
  const { sources, timeZone, now } = useClinicContext(actions.load);
  const retry = useScheduleStore((s) => s.status?.retry ?? null);

  const average = h.stats?.averageDurationMs ?? null;
  const latestFinished = h.recent.find((r) => r.durationMs !== null && r.finishedAt !== null);
  const latestSlow = latestFinished && isSlowRun(latestFinished, average) ? latestFinished : null;
  // History outlives sources: each run names its source, "Northside (removed)" once it is gone.
  const detailSource = h.detail?.run.sourceName ?? '';
  const filtered = h.statusFilter !== '' || h.sourceFilter !== '';

  return (
    <div className="cs-page hist-page">
      <PageHeader
        title="History"
        description="Every sync, how it went, and how healthy syncing has been."
        actions={
          <Button
            icon={<Download size={16} aria-hidden="true" />}
            onClick={() => void actions.exportCsv()}
            busy={h.exporting}
            disabled={h.total === 0 && !filtered}
          >
            Export CSV
          </Button>
        }
      />

      {h.exportError && (
        <Alert tone="danger" title="The export failed">
          {h.exportError}
        </Alert>
      )}

      {h.status === 'error' && (
        <Alert
          tone="danger"
          title="The sync history could not be loaded"
          actions={<Button onClick={() => void actions.load()}>Try again</Button>}
        >
          {h.error}
        </Alert>
      )}

      {h.stats && showFailureBanner(h.stats) && (
        <Alert tone="danger" title={`${h.stats.failuresLast24h} syncs failed in the last 24 hours`}>
          Appointments may be out of date. Open the failed runs below to see why; a key that stopped working can be fixed in Settings.
        </Alert>
      )}

      {retry && (
        <Alert tone="info" title="A failed scheduled sync will be retried">
          Run {retry.runId} failed; ClinicSync tries it again {formatWhen(retry.at, now, timeZone)} (attempt {retry.attempt} of{' '}
          {retry.attempts}), and in any case at the next scheduled sync.
        </Alert>
      )}

      {latestSlow && (
        <Alert tone="warn" title="The last sync was slow">
          The {formatWhen(latestSlow.startedAt, now, timeZone)} sync of {latestSlow.sourceName} took {formatDuration(latestSlow.durationMs)}
          , more than twice the average ({formatDuration(average)}). The practice system may be slow or rate-limiting; check its activity
          for waits.
        </Alert>
      )}

      {h.status === 'loading' && (
        <Card aria-busy="true" aria-label="Loading the sync history">
          <div className="hist-loading">
            <Skeleton height={48} />
            <Skeleton />
            <Skeleton />
            <Skeleton width="60%" />
          </div>
        </Card>
      )}

      {h.stats && <HealthSummary stats={h.stats} timeZone={timeZone} now={now} />}

      {h.status === 'ready' && <RunChart runs={h.recent} timeZone={timeZone} now={now} />}

      {h.status === 'ready' && (
        <Card className="hist-runs" aria-labelledby="hist-runs-title">
          <CardHeader
            title="Runs"
            titleId="hist-runs-title"
            actions={
              <div className="cs-toolbar">
                <Field label="Status">
                  {(p) => (
                    <Select {...p} value={h.statusFilter} onChange={(e) => actions.setStatusFilter(e.target.value as RunStatusFilter | '')}>
                      <option value="">Any status</option>
                      {STATUS_FILTERS.map((status) => (
                        <option key={status} value={status}>
                          {RUN_STATUS[status].label}
                        </option>
                      ))}
                    </Select>
                  )}
                </Field>
                <Field label="Source">
                  {(p) => (
                    <Select {...p} value={h.sourceFilter} onChange={(e) => actions.setSourceFilter(e.target.value)}>
                      <option value="">All sources</option>
                      {sources.map((s) => (
                        <option key={s.id} value={s.id}>
                          {s.name}
                        </option>
                      ))}
                    </Select>
                  )}
                </Field>
              </div>
            }
          />
          {h.runs.length === 0 ? (
            <EmptyState icon={<History size={22} />} title={filtered ? 'No runs match' : 'No syncs yet'} headingLevel={3}>
              {filtered ? 'Choose another status or source.' : 'Every sync — manual or scheduled — is listed here with what it did.'}
            </EmptyState>
          ) : (
            <RunTable
              runs={h.runs}
              total={h.total}
              offset={h.offset}
              pageSize={HISTORY_PAGE_SIZE}
              averageMs={average}
              timeZone={timeZone}
              now={now}
              onOpen={(id) => void actions.openRun(id)}
              onPage={actions.setPage}
            />
          )}
        </Card>
      )}

      <RunDetailDialog
        open={h.detailId !== null}
        detail={h.detail}
        error={h.detailError}
        sourceName={detailSource}
        timeZone={timeZone}
        now={now}
        onClose={actions.closeRun}
      />
    </div>
  );
}
