import { useCallback, useEffect, useMemo, useState } from 'react';
import { ListChecks } from 'lucide-react';
import { useShallow } from 'zustand/react/shallow';
import { Alert, Button, Card, EmptyState, PageHeader, Skeleton } from '../components/ui';
import { ChangeFilters } from '../components/changes/ChangeFilters';
import { PatientDrawer } from '../components/patient/PatientDrawer';
import { ChangeTable } from '../components/changes/ChangeTable';
import { groupChangesByDay, limitGroups } from '../components/changes/group';
import { formatWhen, zoneAbbreviation } from '../lib/clinic-time';
import { formatCount, plural } from '../lib/format';
import { useClinicContext } from '../hooks/use-clinic-context';
import { MAX_ROWS } from '../store/changes-store';
import { useChangesStore, usePatientStore } from '../store/instances';
import '../components/sync/console.css';
import '../components/changes/changes.css';

/** Rows drawn at first and added per "Show more": the DOM stays small however long the list. */
const RENDER_STEP = 150;

/**
 * "3 changes still to do · 1 done today" on the work-list; "12 changes since Today · 09:00 · 2 done"
 * for a time span (`since`: when it starts in words; null before any sync has finished).
 */
function summaryText(total: number, done: number, filtered: boolean, since: 'worklist' | string | null): string {
  const ofKinds = filtered ? ' of the chosen kinds' : '';
  if (since === 'worklist')
    return `${plural(total - done, 'change')}${ofKinds} still to do${done > 0 ? ` · ${formatCount(done)} done today` : ''}`;
  return `${plural(total, 'change')}${ofKinds} ${since === null ? 'so far' : `since ${since}`}${done > 0 ? ` · ${formatCount(done)} done` : ''}`;
}

/** What changed upstream: by default the work-list of everything still to do, across syncs. */
export function ChangesPage() {
  const s = useChangesStore(
    useShallow((st) => ({
      status: st.status,
      error: st.error,
      sinceChoice: st.sinceChoice,
      customSince: st.customSince,
      since: st.since,
      source: st.source,
      kinds: st.kinds,
      groupBy: st.groupBy,
      hideDone: st.hideDone,
      includeInitialLoad: st.includeInitialLoad,
      rows: st.rows,
      total: st.total,
      allTotal: st.allTotal,
      kindCounts: st.kindCounts,
      markError: st.markError,
    })),
  );
  const actions = useChangesStore(
    useShallow((st) => ({
      load: st.load,
      setSince: st.setSince,
      setSource: st.setSource,
      toggleKind: st.toggleKind,
      clearKinds: st.clearKinds,
      setGroupBy: st.setGroupBy,
      setHideDone: st.setHideDone,
      setIncludeInitialLoad: st.setIncludeInitialLoad,
      toggleDone: st.toggleDone,
    })),
  );
  const { sources, timeZone, now } = useClinicContext(actions.load);

  const visible = useMemo(() => (s.hideDone ? s.rows.filter((r) => r.doneAt === null) : s.rows), [s.rows, s.hideDone]);
  const groups = useMemo(() => groupChangesByDay(visible, timeZone, s.groupBy, now), [visible, timeZone, s.groupBy, now]);
  const [renderLimit, setRenderLimit] = useState(RENDER_STEP);
  useEffect(() => setRenderLimit(RENDER_STEP), [s.rows, s.groupBy]);
  const shownGroups = useMemo(() => limitGroups(groups, renderLimit), [groups, renderLimit]);
  const hidden = Math.max(0, visible.length - renderLimit);
  const openPatient = useCallback((id: number) => usePatientStore.getState().open(id), []);
  const doneCount = useMemo(() => s.rows.filter((r) => r.doneAt !== null).length, [s.rows]);

  const worklist = s.sinceChoice === 'open';
  const sinceText = s.since ? formatWhen(s.since, now, timeZone) : null;
  const lastSyncLabel = s.sinceChoice === 'last_sync' ? sinceText : null;

  return (
    <div className="cs-page chg-page">
      <PageHeader
        title="Changes"
        description={
          <>
            Appointments booked, moved, cancelled or deleted in the practice system, grouped by day. Times are clinic time (
            {zoneAbbreviation(timeZone, now)}).
          </>
        }
      />

      <Card className="chg-card" aria-label="Appointment changes">
        <ChangeFilters
          sinceChoice={s.sinceChoice}
          customSince={s.customSince}
          lastSyncLabel={lastSyncLabel}
          source={s.source}
          sources={sources}
          kinds={s.kinds}
          counts={s.kindCounts}
          totalCount={s.allTotal}
          groupBy={s.groupBy}
          hideDone={s.hideDone}
          includeInitialLoad={s.includeInitialLoad}
          timeZone={timeZone}
          onSince={actions.setSince}
          onSource={actions.setSource}
          onToggleKind={actions.toggleKind}
          onClearKinds={actions.clearKinds}
          onGroupBy={actions.setGroupBy}
          onHideDone={actions.setHideDone}
          onIncludeInitialLoad={actions.setIncludeInitialLoad}
        />

        <p className="chg-summary" role="status" data-testid="changes-summary">
          {s.status === 'ready' && summaryText(s.total, doneCount, s.kinds.length > 0, worklist ? 'worklist' : sinceText)}
        </p>

        {s.status === 'error' && (
          <Alert
            tone="danger"
            title="The changes could not be loaded"
            actions={<Button onClick={() => void actions.load()}>Try again</Button>}
          >
            {s.error}
          </Alert>
        )}

        {s.markError !== null && (
          <Alert tone="danger" title="The done mark could not be saved">
            {s.markError}
          </Alert>
        )}

        {s.status === 'loading' && (
          <div className="chg-skeleton" aria-busy="true" aria-label="Loading changes">
            {[0, 1, 2, 3].map((i) => (
              <Skeleton key={i} />
            ))}
          </div>
        )}

        {s.status === 'ready' && s.rows.length === 0 && s.kinds.length > 0 && (
          <EmptyState icon={<ListChecks size={22} />} title="No changes of these kinds" headingLevel={2}>
            Choose other kinds above, or All.
          </EmptyState>
        )}

        {s.status === 'ready' && s.rows.length === 0 && s.kinds.length === 0 && worklist && (
          <EmptyState icon={<ListChecks size={22} />} title="Nothing to do" headingLevel={2}>
            Every change is marked done. New ones appear here when a sync finds appointments that were booked, moved, cancelled or deleted
            in the practice system.
          </EmptyState>
        )}

        {s.status === 'ready' && s.rows.length === 0 && s.kinds.length === 0 && !worklist && (
          <EmptyState icon={<ListChecks size={22} />} title="Nothing changed" headingLevel={2}>
            {s.since
              ? `No appointment was booked, moved, cancelled or deleted in the practice system since ${sinceText}. Pick an earlier time above to look further back.`
              : 'Changes appear here after a sync finds appointments that were booked, moved, cancelled or deleted in the practice system.'}
          </EmptyState>
        )}

        {s.status === 'ready' && s.rows.length > 0 && visible.length === 0 && (
          <EmptyState icon={<ListChecks size={22} />} title="All done" headingLevel={2}>
            Every change in this list is marked done. Untick “Hide done” to see them again.
          </EmptyState>
        )}

        {visible.length > 0 && (
          <ChangeTable
            groups={shownGroups}
            timeZone={timeZone}
            now={now}
            groupBy={s.groupBy}
            onToggleDone={actions.toggleDone}
            onOpenPatient={openPatient}
          />
        )}

        {hidden > 0 && (
          <div className="chg-more">
            <Button onClick={() => setRenderLimit((n) => n + RENDER_STEP)}>
              Show {formatCount(Math.min(hidden, RENDER_STEP))} more ({formatCount(hidden)} not shown)
            </Button>
          </div>
        )}

        {s.status === 'ready' && s.rows.length < s.total && (
          <Alert tone="info" title={`Showing the ${formatCount(MAX_ROWS)} most recently found of ${formatCount(s.total)} changes`}>
            Choose a later “Since” time, one source or fewer kinds to see the rest.
          </Alert>
        )}
      </Card>
      <PatientDrawer />
    </div>
  );
}
