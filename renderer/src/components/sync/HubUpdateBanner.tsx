import { X } from 'lucide-react';
import { useSourcesStore, useSyncRunsStore } from '../../store/instances';
import { Alert, Button } from '../ui';
import { fromHubHeadline } from './finished-words';

/**
 * On a desk of a clinic hub, what the last "Sync now" or "Update from hub" brought from the hub for
 * the sources another desk pulls: without it, a click on a followed source would show nothing at all.
 */
export function HubUpdateBanner() {
  const fromHub = useSyncRunsStore((s) => s.fromHub);
  const dismiss = useSyncRunsStore((s) => s.dismissFromHub);
  const sources = useSourcesStore((s) => s.sources);
  if (fromHub.length === 0) return null;
  const nameOf = (id: string) => sources.find((s) => s.id === id)?.name ?? id;
  return (
    <div className="notices">
      <Alert
        tone={fromHub.some((f) => f.applied !== null) ? 'ok' : 'info'}
        actions={
          <Button
            size="sm"
            variant="quiet"
            icon={<X size={14} aria-hidden="true" />}
            onClick={dismiss}
            aria-label="Dismiss the clinic hub update"
          />
        }
      >
        <span data-testid="hub-update-text">{fromHubHeadline(fromHub, nameOf)}</span>
      </Alert>
    </div>
  );
}
