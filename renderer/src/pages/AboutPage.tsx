import { TriangleAlert } from 'lucide-react';
import { SupportSection } from '../components/settings/SupportSection';
import { Card, CardHeader, CopyButton, EmptyState, PageHeader, Skeleton } from '../components/ui';
import { useAppStore } from '../store/instances';

/** What is running and where its data lives: the first thing support asks. */
export function AboutPage() {
  const info = useAppStore((s) => s.info);
  const loadError = useAppStore((s) => s.loadError);
  return (
    <div className="page">
      <PageHeader title="About" description="What is running, and where it keeps its data." />
      {loadError ? (
        <EmptyState tone="danger" icon={<TriangleAlert size={22} />} title="ClinicSync is not responding">
          {loadError} Check that ClinicSync is still running, then reload this page.
        </EmptyState>
      ) : (
        <Card aria-labelledby="about-title">
          <CardHeader title="About this console" titleId="about-title" />
          {!info ? (
            <Skeleton height={80} />
          ) : (
            <dl className="facts">
              <dt>Version</dt>
              <dd data-testid="app-version">{info.version}</dd>
              <dt>Running as</dt>
              <dd data-testid="app-runtime">{info.runtime === 'electron' ? 'Desktop app (Electron)' : 'Browser console'}</dd>
              <dt>Data folder</dt>
              <dd data-testid="app-data-dir">
                <code>{info.dataDir}</code>
              </dd>
              <dt>Log folder</dt>
              <dd data-testid="app-log-dir" className="row">
                <code>{info.logDir}</code>
                <CopyButton value={info.logDir} label="Copy the log folder’s path" />
              </dd>
              <dt>Platform</dt>
              <dd>{info.platform}</dd>
            </dl>
          )}
        </Card>
      )}
      <SupportSection />
    </div>
  );
}
