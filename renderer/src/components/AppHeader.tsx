import { useAppStore } from '../store/app-store';

export function AppHeader() {
  const info = useAppStore((s) => s.info);
  const connected = useAppStore((s) => s.connected);
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          CS
        </span>
        <span className="brand-name">ClinicSync</span>
      </div>
      <div className="header-status">
        {!connected && (
          <span className="badge badge-danger" role="status">
            Reconnecting…
          </span>
        )}
        {info && <span className="badge">{info.runtime === 'electron' ? 'Desktop app' : 'Browser console'}</span>}
      </div>
    </header>
  );
}
