import { useEffect, useRef } from 'react';
import { AppHeader } from './components/layout/AppHeader';
import { NoticeList } from './components/layout/NoticeList';
import { Sidebar } from './components/layout/Sidebar';
import { FinishedRunBanner } from './components/sync/FinishedRunBanner';
import { HubUpdateBanner } from './components/sync/HubUpdateBanner';
import { TooltipProvider } from './components/ui';
import { applyAppearance } from './lib/theme';
import { PAGE_TITLES } from './lib/routes';
import { AboutPage } from './pages/AboutPage';
import { AccessRefusedPage } from './pages/AccessRefusedPage';
import { AppointmentsPage } from './pages/AppointmentsPage';
import { ChangesPage } from './pages/ChangesPage';
import { FirstRunPage } from './pages/FirstRunPage';
import { HistoryPage } from './pages/HistoryPage';
import { RosterPage } from './pages/RosterPage';
import { SettingsPage } from './pages/SettingsPage';
import { SyncPage } from './pages/SyncPage';
import { useAppStore, usePatientStore, useRosterStore, useSettingsStore, useSourcesStore } from './store/instances';

function CurrentPage() {
  const page = useAppStore((s) => s.page);
  const sourcesStatus = useSourcesStore((s) => s.status);
  const noSources = useSourcesStore((s) => s.status === 'ready' && s.sources.length === 0);
  switch (page) {
    case 'roster':
      if (sourcesStatus === 'loading') return null;
      return noSources ? <FirstRunPage /> : <RosterPage />;
    case 'appointments':
      return <AppointmentsPage />;
    case 'sync':
      return <SyncPage />;
    case 'changes':
      return <ChangesPage />;
    case 'history':
      return <HistoryPage />;
    case 'settings':
      return <SettingsPage />;
    case 'about':
      return <AboutPage />;
  }
}

/** The shell: navigation, the header with freshness and sync status, the theme, and the current page. */
export function App() {
  const page = useAppStore((s) => s.page);
  const accessRefused = useAppStore((s) => s.accessRefused);
  // With no source yet, the roster's place is the welcome page: the tab and landmark say so.
  const welcome = useSourcesStore((s) => page === 'roster' && s.status === 'ready' && s.sources.length === 0);
  const title = welcome ? 'Welcome' : PAGE_TITLES[page];
  const appearance = useSettingsStore((s) => s.settings?.appearance ?? 'system');
  const main = useRef<HTMLElement>(null);
  const firstPage = useRef(true);
  const wasWelcome = useRef(welcome);

  useEffect(() => {
    void useAppStore.getState().load();
    void useRosterStore.getState().loadOrganizations();
  }, []);

  useEffect(() => applyAppearance(appearance), [appearance]);

  // A new page: say so in the title and move focus to the page, as a full navigation would.
  useEffect(() => {
    document.title = `${title} · ClinicSync`;
  }, [title]);

  useEffect(() => {
    usePatientStore.getState().close();
    if (firstPage.current) {
      firstPage.current = false;
      return;
    }
    main.current?.scrollTo({ top: 0 });
    main.current?.focus({ preventScroll: true });
  }, [page]);

  // The welcome page gives way to the roster when the demo (or a first source) starts: the button that
  // had focus is gone, so focus moves to the page, as after a navigation, instead of falling to <body>.
  useEffect(() => {
    if (wasWelcome.current && !welcome) main.current?.focus({ preventScroll: true });
    wasWelcome.current = welcome;
  }, [welcome]);

  if (accessRefused !== null) return <AccessRefusedPage message={accessRefused} />;
  return (
    <TooltipProvider>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className="app">
        <Sidebar />
        <div className="app-column">
          <AppHeader />
          <main id="main" ref={main} tabIndex={-1} className={`app-main page-${page}`} aria-label={title}>
            <NoticeList />
            <FinishedRunBanner />
            <HubUpdateBanner />
            <CurrentPage />
          </main>
        </div>
      </div>
    </TooltipProvider>
  );
}
