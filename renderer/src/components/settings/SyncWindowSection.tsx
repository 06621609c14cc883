import { useEffect, useState } from 'react';
import { numberFromText } from '../../lib/number-text';
import { useSettingsStore } from '../../store/instances';
import { Card, CardHeader, Field, SegmentedControl, TextInput } from '../ui';
import { SectionFooter } from './SectionFooter';
import { SettingsForm } from './SettingsForm';

interface Draft {
  daysBack: string;
  daysForward: string;
  discovery: 'automatic' | 'manual';
}

/** How far back and forward appointments are kept in sync, and whether new patients are discovered from them. */
const WINDOW_FIELDS = [
  { key: 'daysBack', label: 'Days back', hint: 'Past appointments to keep in sync (1–365).', testId: 'days-back' },
  { key: 'daysForward', label: 'Days forward', hint: 'Upcoming appointments to keep in sync (1–365).', testId: 'days-forward' },
] as const;

export function SyncWindowSection() {
  const saved = useSettingsStore((s) => s.settings?.sync);
  const errors = useSettingsStore((s) => s.sections.sync.fieldErrors);
  const update = useSettingsStore((s) => s.update);
  const fromSaved = (): Draft | null =>
    saved ? { daysBack: String(saved.daysBack), daysForward: String(saved.daysForward), discovery: saved.discovery } : null;
  const [draft, setDraft] = useState<Draft | null>(fromSaved);
  const savedKey = JSON.stringify(saved);

  useEffect(() => setDraft(fromSaved()), [savedKey]);
  if (!draft || !saved) return null;
  const dirty =
    draft.daysBack !== String(saved.daysBack) || draft.daysForward !== String(saved.daysForward) || draft.discovery !== saved.discovery;

  return (
    <Card aria-labelledby="settings-sync" id="sync-window">
      <CardHeader
        title="Sync window"
        titleId="settings-sync"
        description="Appointments inside this window are kept up to date; older ones stay in the cache as they were."
      />
      <SettingsForm
        onSave={() =>
          update('sync', {
            sync: { daysBack: numberFromText(draft.daysBack), daysForward: numberFromText(draft.daysForward), discovery: draft.discovery },
          })
        }
      >
        <div className="form-grid">
          {WINDOW_FIELDS.map(({ key, label, hint, testId }) => (
            <Field key={key} label={label} hint={hint} error={errors[`sync.${key}`]}>
              {(p) => (
                <TextInput
                  {...p}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={365}
                  value={draft[key]}
                  onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
                  data-testid={testId}
                />
              )}
            </Field>
          ))}
        </div>
        <div className="stack-sm">
          <SegmentedControl
            legend="Patient discovery"
            name="discovery"
            value={draft.discovery}
            onChange={(discovery) => setDraft({ ...draft, discovery })}
            options={[
              { value: 'automatic', label: 'Automatic' },
              { value: 'manual', label: 'Manual' },
            ]}
          />
          <p className="field-hint">
            {draft.discovery === 'automatic'
              ? 'A patient who appears only in an appointment is fetched and added to the roster during the sync.'
              : 'Patients are added only by a patient sync; appointments of unknown patients wait until then.'}
          </p>
          {errors['sync.discovery'] && <p className="field-error">{errors['sync.discovery']}</p>}
        </div>
        <SectionFooter section="sync" dirty={dirty} onReset={() => setDraft(fromSaved())} label="Save sync window" />
      </SettingsForm>
    </Card>
  );
}
