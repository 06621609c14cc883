import { WifiOff } from 'lucide-react';
import { useAppStore } from '../../store/app-store';
import { Badge } from '../ui';
import { FreshnessIndicator } from './Freshness';
import { SyncStatusPill } from './SyncStatusPill';

/** The bar above every page: how fresh the data is, whether a sync runs, and whether the console is connected. */
export function AppHeader() {
  const connected = useAppStore((s) => s.connected);
  return (
    <header className="app-header">
      <FreshnessIndicator />
      <div className="spacer" />
      <SyncStatusPill />
      {!connected && (
        <span role="status">
          <Badge tone="danger" icon={<WifiOff size={12} aria-hidden="true" />}>
            Reconnecting…
          </Badge>
        </span>
      )}
    </header>
  );
}
