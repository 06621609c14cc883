import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useSyncStore } from '../store/sync-store';
import { useNow } from './use-now';

/**
 * What every page that lists runs or changes needs: the sources (for names), the clinic's time
 * zone, and a clock that ticks for relative times. Loads the first two when the page opens, then
 * calls `load` for the page's own data.
 */
export function useClinicContext(load: () => Promise<void>) {
  const { sources, timeZone, loadTimeZone, refreshSources } = useSyncStore(
    useShallow((s) => ({ sources: s.sources, timeZone: s.timeZone, loadTimeZone: s.loadTimeZone, refreshSources: s.refreshSources })),
  );
  const now = useNow();
  useEffect(() => {
    void loadTimeZone();
    void refreshSources();
    void load();
  }, [load, loadTimeZone, refreshSources]);
  return { sources, timeZone, now };
}
