import { CalendarX2 } from 'lucide-react';
import { useCallback, useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { DayFilters } from '../components/day-sheet/DayFilters';
import { DayFreshnessBar } from '../components/day-sheet/DayFreshness';
import { DayNavigator } from '../components/day-sheet/DayNavigator';
import { DayTable } from '../components/day-sheet/DayTable';
import { ExportMenu } from '../components/day-sheet/ExportMenu';
import { PrintMenu } from '../components/day-sheet/PrintMenu';
import { PrintSheet } from '../components/day-sheet/PrintSheet';
import { WeekStrip } from '../components/day-sheet/WeekStrip';
import { longDayName } from '../components/day-sheet/day-keys';
import { PatientDrawer } from '../components/patient/PatientDrawer';
import { dayKey, zoneAbbreviation } from '../lib/clinic-time';
import { Alert, Button, EmptyState, PageHeader, Skeleton } from '../components/ui';
import { useClinicContext } from '../hooks/use-clinic-context';
import { usePrinting } from '../hooks/use-printing';
import { formatCount, plural } from '../lib/format';
import { useAppStore, useDaySheetStore, usePatientStore, useSettingsStore, useSyncRunsStore } from '../store/instances';
import { loadedTimeZone } from '../store/settings-store';
import '../components/day-sheet/day-sheet.css';

/** The day sheet: who is coming on a clinic day, with whom, when, in person or by video — kept open all day. */
export function AppointmentsPage() {
  const s = useDaySheetStore(
    useShallow((st) => ({
      date: st.date,
      filters: st.filters,
      search: st.search,
      status: st.status,
      error: st.error,
      sheet: st.sheet,
      week: st.week,
      arrivedAt: st.arrivedAt,
      refreshing: st.refreshing,
      refreshMessage: st.refreshMessage,
      exporting: st.exporting,
    })),
  );
  const { open, setFilters, setSearch, load, refreshDay, exportFile } = useDaySheetStore.getState();
  const { sources, timeZone, now } = useClinicContext(load);
  const schedule = useSettingsStore((st) => st.settings?.schedule ?? null);
  const liveProgress = useSyncRunsStore((st) => st.progress);
  const printing = usePrinting();
  const today = dayKey(now, timeZone);

  // The first visit opens today in the clinic's zone (known once settings arrive).
  useEffect(() => {
    void loadedTimeZone(useSettingsStore).then((zone) => {
      if (useDaySheetStore.getState().date === null) open(dayKey(new Date(), zone));
    });
  }, [open]);

  const progress = useMemo(() => Object.values(liveProgress).filter((p) => s.refreshing.includes(p.runId)), [liveProgress, s.refreshing]);
  const openPatient = useCallback((id: number) => usePatientStore.getState().open(id), []);
  const openChanges = useCallback(() => useAppStore.getState().navigate('changes'), []);
  // Elements that never change: a new day re-renders the page, not these.
  const drawer = useMemo(() => <PatientDrawer />, []);
  const sheet = s.sheet;
  const filtersText = describeFilters(s.filters, s.search);
  const hidden = sheet ? sheet.totalForDay - sheet.rows.length : 0;
  const video = sheet ? sheet.rows.filter((r) => r.telehealthUrl).length : 0;

  return (
    <div className="cs-page day-page">
      <div className="day-screen">
        <PageHeader
          title="Appointments"
          description={<>The day sheet from the local cache. Times are clinic time ({zoneAbbreviation(timeZone, now)}).</>}
          actions={
            <>
              <PrintMenu printBy={s.filters.printBy} onPrintBy={(printBy) => setFilters({ printBy })} />
              <ExportMenu busy={s.exporting} onExport={(span, format) => void exportFile(span, format)} />
            </>
          }
        />

        {s.date && <DayNavigator date={s.date} today={today} onOpen={open} />}
        {s.week && s.date && <WeekStrip week={s.week} date={s.date} today={today} onOpen={open} />}

        {sheet && (
          <DayFreshnessBar
            freshness={sheet.freshness}
            schedule={schedule}
            timeZone={timeZone}
            now={now}
            progress={progress}
            refreshing={s.refreshing.length > 0}
            message={s.refreshMessage}
            onRefresh={() => void refreshDay()}
          />
        )}

        <div className="roster-card day-card">
          <DayFilters
            filters={s.filters}
            search={s.search}
            practitioners={sheet?.practitioners ?? []}
            sources={sources}
            onFilters={setFilters}
            onSearch={setSearch}
          />
          <p className="roster-summary day-summary" role="status" data-testid="day-summary">
            {sheet &&
              `${plural(sheet.rows.length, 'appointment')}${video ? ` · ${formatCount(video)} by video` : ''}${
                hidden > 0 ? ` · ${formatCount(hidden)} not shown (${filtersText ?? 'cancelled'})` : ''
              }`}
          </p>

          {s.status === 'error' && (
            <Alert
              tone="danger"
              title="The appointments could not be loaded"
              actions={<Button onClick={() => void load()}>Try again</Button>}
            >
              {s.error}
            </Alert>
          )}
          {s.status === 'loading' && !sheet && (
            <div className="chg-skeleton" aria-busy="true" aria-label="Loading appointments">
              {[0, 1, 2, 3].map((i) => (
                <Skeleton key={i} />
              ))}
            </div>
          )}
          {sheet && sheet.rows.length === 0 && (
            <EmptyState icon={<CalendarX2 size={22} />} title={`No appointments on ${longDayName(sheet.date)}`}>
              {hidden > 0
                ? `${plural(hidden, 'appointment')} on this day ${hidden === 1 ? 'is' : 'are'} hidden by the filters (${filtersText ?? 'cancelled'}).`
                : sheet.freshness.some((f) => f.asOf === null)
                  ? 'This day has not been synced yet: use “Refresh this day” to fetch it.'
                  : 'Nothing is booked in the cache for this day.'}
            </EmptyState>
          )}
          {sheet && sheet.rows.length > 0 && (
            <DayTable
              rows={sheet.rows}
              arrivedAt={s.arrivedAt}
              timeZone={timeZone}
              caption={`Appointments on ${longDayName(sheet.date)}`}
              onOpenPatient={openPatient}
              onOpenChanges={openChanges}
            />
          )}
        </div>
      </div>
      {printing && sheet && <PrintSheet sheet={sheet} printBy={s.filters.printBy} now={now} filtersText={filtersText} />}
      {drawer}
    </div>
  );
}

/** "Dr Chen · video only · search “ngata”", or null when nothing narrows the list. */
function describeFilters(filters: ReturnType<typeof useDaySheetStore.getState>['filters'], search: string): string | null {
  const parts = [
    filters.practitioner && filters.practitioner,
    filters.status === 'all' ? 'with cancelled' : filters.status !== 'expected' ? `${filters.status.replace('_', '-')} only` : null,
    filters.telehealthOnly && 'video only',
    search.trim() && `search “${search.trim()}”`,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : null;
}
