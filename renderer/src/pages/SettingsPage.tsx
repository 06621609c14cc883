import { TriangleAlert } from 'lucide-react';
import { AppearanceSection } from '../components/settings/AppearanceSection';
import { ContactSection } from '../components/settings/ContactSection';
import { HistorySection } from '../components/settings/HistorySection';
import { ScheduleSection } from '../components/settings/ScheduleSection';
import { ShareSection } from '../components/settings/ShareSection';
import { SourcesSection } from '../components/settings/SourcesSection';
import { SupportSection } from '../components/settings/SupportSection';
import { SyncWindowSection } from '../components/settings/SyncWindowSection';
import { Button, EmptyState, PageHeader, Skeleton } from '../components/ui';
import { useSettingsStore } from '../store/instances';

const SECTIONS = [
  { id: 'sources', label: 'Sources' },
  { id: 'schedule', label: 'Schedule' },
  { id: 'sync-window', label: 'Sync window' },
  { id: 'history', label: 'History kept' },
  { id: 'appearance', label: 'Appearance' },
  { id: 'contact', label: 'Contact email' },
  { id: 'share', label: 'Share with other desks' },
  { id: 'support', label: 'Support' },
];

/** Sources, schedule, sync window, discovery, history kept, appearance, contact email and support, one card each. */
export function SettingsPage() {
  const status = useSettingsStore((s) => s.status);
  const loadError = useSettingsStore((s) => s.loadError);
  const load = useSettingsStore((s) => s.load);
  const timeZone = useSettingsStore((s) => s.settings?.schedule.timeZone ?? 'UTC');

  return (
    <div className="page settings-page">
      <PageHeader title="Settings" description="Changes apply to this computer’s ClinicSync. Each section saves on its own." />
      <nav className="settings-nav" aria-label="Settings sections">
        {SECTIONS.map((s) => (
          <a
            key={s.id}
            href={`#/settings/${s.id}`}
            onClick={(event) => {
              event.preventDefault();
              const target = document.getElementById(s.id);
              if (!target) return;
              target.setAttribute('tabindex', '-1');
              target.scrollIntoView({ block: 'start' });
              target.focus({ preventScroll: true });
            }}
          >
            {s.label}
          </a>
        ))}
      </nav>
      {status === 'error' ? (
        <EmptyState
          tone="danger"
          icon={<TriangleAlert size={22} />}
          title="Settings could not be loaded"
          actions={<Button onClick={() => void load()}>Try again</Button>}
        >
          {loadError}
        </EmptyState>
      ) : (
        <div className="settings-sections">
          <SourcesSection timeZone={timeZone} />
          {status === 'loading' ? (
            <div className="card" aria-busy="true">
              <Skeleton height={200} />
            </div>
          ) : (
            <>
              <ScheduleSection />
              <SyncWindowSection />
              <HistorySection />
              <AppearanceSection />
              <ContactSection />
            </>
          )}
          <ShareSection timeZone={timeZone} />
          <SupportSection />
        </div>
      )}
    </div>
  );
}
