import { useAppStore } from '../store/app-store';

/** What is running and where its data lives: the first thing support asks. */
export function AboutPage() {
  const info = useAppStore((s) => s.info);
  const loadError = useAppStore((s) => s.loadError);
  if (loadError) {
    return (
      <section className="card" role="alert">
        <h2>ClinicSync is not responding</h2>
        <p>{loadError} Check that ClinicSync is still running, then reload this page.</p>
      </section>
    );
  }
  if (!info) return <p className="muted">Loading…</p>;
  return (
    <section className="card" aria-labelledby="about-title">
      <h2 id="about-title">About this console</h2>
      <dl className="facts">
        <dt>Version</dt>
        <dd data-testid="app-version">{info.version}</dd>
        <dt>Running as</dt>
        <dd data-testid="app-runtime">{info.runtime === 'electron' ? 'Desktop app (Electron)' : 'Browser console'}</dd>
        <dt>Data folder</dt>
        <dd data-testid="app-data-dir">
          <code>{info.dataDir}</code>
        </dd>
        <dt>Platform</dt>
        <dd>{info.platform}</dd>
      </dl>
    </section>
  );
}
