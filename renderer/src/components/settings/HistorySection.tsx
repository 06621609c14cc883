import { useEffect, useState } from 'react';
import type { AppSettings } from '@contract';
import { numberFromText } from '../../lib/number-text';
import { useSettingsStore } from '../../store/instances';
import { Card, CardHeader, Field, TextInput } from '../ui';
import { SectionFooter } from './SectionFooter';
import { SettingsForm } from './SettingsForm';

type RetentionKey = keyof AppSettings['retention'];
type Draft = Record<RetentionKey, string>;

const HISTORY_FIELDS: ReadonlyArray<{ key: RetentionKey; label: string; hint: string; testId: string }> = [
  { key: 'activityDays', label: 'Activity log (days)', hint: 'The log lines of each sync. Default 90 days.', testId: 'keep-activity-days' },
  {
    key: 'changeDays',
    label: 'Appointment changes (days)',
    hint: 'What moved, with before and after. Default 365 days.',
    testId: 'keep-change-days',
  },
  { key: 'runDays', label: 'Sync history (days)', hint: 'Each sync’s result and counts. Default 730 days.', testId: 'keep-run-days' },
];

const toDraft = (saved: AppSettings['retention']): Draft => ({
  activityDays: String(saved.activityDays),
  changeDays: String(saved.changeDays),
  runDays: String(saved.runDays),
});

/** How long the activity log, the change feed and the sync history are kept (7 to 3,650 days each). */
export function HistorySection() {
  const saved = useSettingsStore((s) => s.settings?.retention);
  const errors = useSettingsStore((s) => s.sections.retention.fieldErrors);
  const update = useSettingsStore((s) => s.update);
  const [draft, setDraft] = useState<Draft | null>(saved ? toDraft(saved) : null);
  const savedKey = JSON.stringify(saved);

  useEffect(() => setDraft(saved ? toDraft(saved) : null), [savedKey]);
  if (!draft || !saved) return null;
  const dirty = HISTORY_FIELDS.some(({ key }) => draft[key] !== String(saved[key]));

  return (
    <Card aria-labelledby="settings-history" id="history">
      <CardHeader
        title="History kept"
        titleId="settings-history"
        description="After each sync, older history is removed. Patients, appointments, notes and organizations are never removed by this; neither are a sync still running, the first and latest sync of each source, changes not yet marked done on the Changes page, or changes to appointments still to come."
      />
      <SettingsForm
        onSave={() =>
          update('retention', {
            retention: Object.fromEntries(HISTORY_FIELDS.map(({ key }) => [key, numberFromText(draft[key])])),
          })
        }
      >
        <div className="form-grid">
          {HISTORY_FIELDS.map(({ key, label, hint, testId }) => (
            <Field key={key} label={label} hint={hint} error={errors[`retention.${key}`]}>
              {(p) => (
                <TextInput
                  {...p}
                  type="number"
                  inputMode="numeric"
                  min={7}
                  max={3650}
                  value={draft[key]}
                  onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
                  data-testid={testId}
                />
              )}
            </Field>
          ))}
        </div>
        <SectionFooter section="retention" dirty={dirty} onReset={() => setDraft(toDraft(saved))} label="Save history settings" />
      </SettingsForm>
    </Card>
  );
}
