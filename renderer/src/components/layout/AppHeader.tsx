import { Share2, WifiOff } from 'lucide-react';
import { useEffect } from 'react';
import { useAppStore, useHubStore } from '../../store/instances';
import { Badge } from '../ui';
import { FreshnessIndicator } from './Freshness';
import { SyncStatusPill } from './SyncStatusPill';

/** The bar above every page: how fresh the data is, whether a sync runs, and whether the console is connected. */
export function AppHeader() {
  const connected = useAppStore((s) => s.connected);
  const hub = useHubStore((s) => s.status);
  const load = useHubStore((s) => s.load);
  useEffect(() => void load(), [load]);
  const desks = hub?.joined ? hub.desks.length : 0;
  return (
    <header className="app-header">
      <FreshnessIndicator />
      <div className="spacer" />
      {desks > 0 && (
        <span title={hub?.connected ? 'This desk shares its data through the clinic hub.' : (hub?.error ?? '')} data-testid="hub-badge">
          <Badge tone={hub?.connected ? 'ok' : 'warn'} icon={<Share2 size={12} aria-hidden="true" />}>
            Shared · {desks} {desks === 1 ? 'desk' : 'desks'}
          </Badge>
        </span>
      )}
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
