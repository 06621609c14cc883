import { RefreshCw, SearchX, TriangleAlert, Users } from 'lucide-react';
import { useEffect } from 'react';
import { PatientDrawer } from '../components/patient/PatientDrawer';
import { RosterTable } from '../components/roster/RosterTable';
import { RosterToolbar } from '../components/roster/RosterToolbar';
import { RosterSyncStrip } from '../components/sync/RosterSyncStrip';
import { Button, EmptyState, PageHeader, ProgressBar } from '../components/ui';
import { formatCount, plural } from '../lib/format';
import { progressSummary, runPercent } from '../lib/progress';
import { activeFilterCount, totalText } from '../lib/roster-query';
import { usePatientStore, useRosterStore, useSettingsStore, useSyncRunsStore } from '../store/instances';
import { NO_ORGANIZATION_HINT } from '../lib/plain-words';

/** The counters above the table; they follow a running sync live. */
function RosterSummary() {
  const counts = useRosterStore((s) => s.counts);
  const total = useRosterStore((s) => s.total);
  const capped = useRosterStore((s) => s.totalIsCapped);
  const filters = useRosterStore((s) => s.shownFilters);
  const filtered = activeFilterCount(filters) > 0 || filters.search.trim() !== '';
  if (!counts || total === null) return <span className="roster-summary">&nbsp;</span>;
  return (
    <p className="roster-summary" aria-live="polite" data-testid="roster-summary">
      {filtered ? (
        <>
          <strong>{totalText(total, capped)}</strong> of {plural(counts.all, 'patient')} match
        </>
      ) : (
        <>
          <strong>{formatCount(counts.all)}</strong> {counts.all === 1 ? 'patient' : 'patients'}
        </>
      )}
      <span className="summary-sep" aria-hidden="true">
        ·
      </span>
      {formatCount(counts.withUpcoming)} with an upcoming appointment
      <span className="summary-sep" aria-hidden="true">
        ·
      </span>
      <span title={NO_ORGANIZATION_HINT}>{formatCount(counts.unaffiliated)} with no organization</span>
    </p>
  );
}

/** What the table area shows when there are no rows to show. */
function RosterEmpty() {
  const filters = useRosterStore((s) => s.shownFilters);
  const resetFilters = useRosterStore((s) => s.resetFilters);
  const progress = useSyncRunsStore((s) => s.progress);
  const filtered = activeFilterCount(filters) > 0 || filters.search.trim() !== '';
  const running = Object.values(progress)[0];

  if (filtered) {
    return (
      <EmptyState
        icon={<SearchX size={22} />}
        title="No patients match"
        actions={<Button onClick={resetFilters}>Clear search and filters</Button>}
      >
        {filters.search.trim()
          ? `Nobody's name, email or phone matches “${filters.search.trim()}” with these filters.`
          : 'No patients match these filters.'}{' '}
        Check the spelling, or clear the filters to see everyone.
      </EmptyState>
    );
  }
  if (running) {
    const percent = runPercent(running);
    return (
      <EmptyState icon={<RefreshCw size={22} />} title="Patients are on their way">
        <p>The first sync is running. The roster fills in as patients arrive.</p>
        <div className="empty-progress">
          <ProgressBar value={percent} label="First sync" valueText={progressSummary(running)} />
          <p className="muted">{progressSummary(running)}</p>
        </div>
      </EmptyState>
    );
  }
  // "Sync now" is in the strip above the table: one button for it on the page.
  return (
    <EmptyState icon={<Users size={22} />} title="No patients in the cache yet">
      Press Sync now above to bring your sources’ patients and appointments into ClinicSync.
    </EmptyState>
  );
}

/** The patient roster: search, filters, sorting and a virtualized table over the whole cache. */
export function RosterPage() {
  const total = useRosterStore((s) => s.total);
  const capped = useRosterStore((s) => s.totalIsCapped);
  const error = useRosterStore((s) => s.error);
  const refresh = useRosterStore((s) => s.refresh);
  const timeZone = useSettingsStore((s) => s.settings?.schedule.timeZone ?? 'UTC');
  const openPatient = usePatientStore((s) => s.open);

  useEffect(() => {
    void useRosterStore.getState().refresh();
    void useRosterStore.getState().loadOrganizations();
  }, []);

  return (
    <div className="roster-page">
      <PageHeader title="Roster" description={<RosterSummary />} />
      <RosterSyncStrip />
      <RosterToolbar />
      <div className="roster-card">
        {error && total === null ? (
          <EmptyState
            tone="danger"
            icon={<TriangleAlert size={22} />}
            title="The roster could not be loaded"
            actions={<Button onClick={() => void refresh()}>Try again</Button>}
          >
            {error}
          </EmptyState>
        ) : total === 0 ? (
          <RosterEmpty />
        ) : (
          <RosterTable
            timeZone={timeZone}
            onOpen={openPatient}
            caption={`Patients, ${total === null ? 'loading' : capped ? `${totalText(total, capped)} rows` : plural(total, 'row')}. Times in ${timeZone}.`}
          />
        )}
      </div>
      <p className="roster-footnote muted">
        Times are shown in the clinic’s time zone ({timeZone}). Press <kbd>/</kbd> to search; use the arrow keys to move between patients.
      </p>
      <PatientDrawer />
    </div>
  );
}
