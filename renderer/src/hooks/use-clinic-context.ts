import { useEffect } from 'react';
import { clinicTimeZone } from '../store/settings-store';
import { useSettingsStore, useSourcesStore } from '../store/instances';
import { useNow } from './use-now';

/**
 * What every page that lists runs or changes needs: the sources (for names), the clinic's time
 * zone, and a clock that ticks for relative times. The sources and settings stores keep themselves
 * current from events; this calls `load` for the page's own data when the page opens.
 */
export function useClinicContext(load: () => Promise<void>) {
  const sources = useSourcesStore((s) => s.sources);
  const timeZone = useSettingsStore(clinicTimeZone);
  const now = useNow();
  useEffect(() => {
    void load();
  }, [load]);
  return { sources, timeZone, now };
}
