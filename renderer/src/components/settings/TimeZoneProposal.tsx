import { useEffect, useRef, useState } from 'react';
import { useSettingsStore } from '../../store/instances';
import { Alert, Button } from '../ui';

/**
 * After a connection test: the practice's own time zone (as its API reports it) offered as the
 * clinic's, with one confirmation. Nothing is asked when the clinic already uses that zone.
 */
export function TimeZoneProposal({ zone }: { zone: string }) {
  const current = useSettingsStore((s) => s.settings?.schedule.timeZone);
  const load = useSettingsStore((s) => s.load);
  const update = useSettingsStore((s) => s.update);
  const saving = useSettingsStore((s) => s.sections.schedule.saving);
  const error = useSettingsStore((s) => s.sections.schedule.error ?? s.sections.schedule.fieldErrors['schedule.timeZone'] ?? null);
  const [answer, setAnswer] = useState<'used' | 'kept' | null>(null);
  // The schedule section's error is shown only after this proposal's own save failed.
  const [tried, setTried] = useState(false);
  const shown = useRef<HTMLDivElement>(null);
  const asking = current !== undefined && current !== zone && answer === null;

  useEffect(() => {
    if (current === undefined) void load();
  }, [current, load]);
  // The question appears at the foot of a long form: bring it into view, or it waits unseen below the fold.
  useEffect(() => {
    if (asking) shown.current?.scrollIntoView({ block: 'nearest' });
  }, [asking]);

  if (answer === 'used' && current === zone) {
    return (
      <Alert tone="ok" title={`The clinic’s time zone is now ${zone}`}>
        Appointments and schedules show in the practice’s own time.
      </Alert>
    );
  }
  if (!asking) return null;

  const use = async (): Promise<void> => {
    setTried(true);
    if (await update('schedule', { schedule: { timeZone: zone } })) setAnswer('used');
  };
  return (
    <div ref={shown}>
      <Alert
        tone="info"
        title={`This practice is in ${zone}. Use it as the clinic’s time zone?`}
        actions={
          <>
            <Button variant="primary" size="sm" busy={saving} onClick={() => void use()}>
              Use it
            </Button>
            <Button size="sm" disabled={saving} onClick={() => setAnswer('kept')}>
              Keep {current}
            </Button>
          </>
        }
      >
        <span data-testid="time-zone-proposal">
          Appointment times show in the clinic’s time zone, now {current}.{tried && error ? ` ${error}` : ''}
        </span>
      </Alert>
    </div>
  );
}
