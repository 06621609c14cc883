import type { ChannelInput, SourceKind, SourceView } from '@contract';
import { Eye, EyeOff, PlugZap, X } from 'lucide-react';
import { useEffect, useState } from 'react';
import { fieldErrorsOf, messageOf, type FieldErrors } from '../../lib/errors';
import { sourceKindLabel } from '../../lib/status';
import { useSettingsStore, useSourcesStore, useSyncRunsStore } from '../../store/instances';
import { Alert, Button, Dialog, Field, SegmentedControl, Spinner, TextInput } from '../ui';
import { ConnectionResult } from './ConnectionResult';
import { TimeZoneProposal } from './TimeZoneProposal';
import { useConnectionTest, type TestOutcome } from './use-connection-test';

const KEY_HINTS: Record<SourceKind, string> = {
  cliniko: 'In Cliniko: My info → Manage API keys → Add an API key. The key decides the region (for example …-au1).',
  intakeq: 'In IntakeQ: More → Settings → Integrations → Developer API. Copy the whole key.',
};

/**
 * Add a source, or edit one. The key is typed into a masked field (with a Show button) and is never
 * shown again once saved: editing leaves it empty to keep it. A new key or address is tested before it
 * is saved; one that fails is saved only by an explicit "Save anyway". A new source starts its first
 * sync as the dialog closes (its card, the header and the roster show the progress).
 */
export function SourceFormDialog({
  open,
  onOpenChange,
  source,
  initialKind = 'cliniko',
  onSaved,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The source to edit; absent to add a new one. */
  source?: SourceView;
  initialKind?: SourceKind;
  /** After saving; for a new source, `syncProblem` says why its first sync did not start (else null). */
  onSaved?: (source: SourceView, syncProblem: string | null) => void;
}) {
  const add = useSourcesStore((s) => s.add);
  const update = useSourcesStore((s) => s.update);
  const syncNow = useSyncRunsStore((s) => s.syncNow);
  const clinicZone = useSettingsStore((s) => s.settings?.schedule.timeZone);
  const editing = Boolean(source);
  const [kind, setKind] = useState<SourceKind>(source?.kind ?? initialKind);
  const [name, setName] = useState(source?.name ?? sourceKindLabel(initialKind));
  const [apiKey, setApiKey] = useState('');
  const [baseUrl, setBaseUrl] = useState(source?.baseUrl ?? '');
  const [showKey, setShowKey] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const { testing, outcome: test, run: runConnectionTest, reset: resetTest } = useConnectionTest();

  // A fresh form each time the dialog opens; closing it drops a test still running.
  useEffect(() => {
    resetTest();
    if (!open) return;
    setKind(source?.kind ?? initialKind);
    setName(source?.name ?? sourceKindLabel(initialKind));
    setApiKey('');
    setBaseUrl(source?.baseUrl ?? '');
    setShowKey(false);
    setErrors({});
    setFormError(null);
  }, [open, source, initialKind, resetTest]);

  const key = apiKey.trim();
  const address = baseUrl.trim() || null;
  const addressChanged = Boolean(source && !source.demo && address !== source.baseUrl);
  // Only what reaches the source needs a test: a name change alone does not.
  const needsTest = !source || key !== '' || addressChanged;
  const failed = test !== null && !test.ok;
  // A refused field would be refused on save too: no "Save anyway" for it.
  const canSaveAnyway = needsTest && failed && !testing && test.code !== 'invalid_input';

  const chooseKind = (next: SourceKind): void => {
    if (name === sourceKindLabel(kind) || !name.trim()) setName(sourceKindLabel(next));
    setKind(next);
    resetTest();
  };

  const testInput = (): ChannelInput<'sources:test'> =>
    key ? { kind, apiKey: key, baseUrl: address } : addressChanged ? { id: source!.id, baseUrl: address } : { id: source!.id };

  const runTest = async (): Promise<TestOutcome | null> => {
    if (!key && !source) {
      setErrors({ apiKey: 'Enter the API key to test it.' });
      return null;
    }
    setErrors({});
    setFormError(null);
    const outcome = await runConnectionTest(testInput());
    if (outcome && !outcome.ok && Object.keys(outcome.fields).length > 0) setErrors(outcome.fields);
    return outcome;
  };

  /** `tested`: the connection test passed, so a new source's first sync can start at once. */
  const save = async (tested: boolean): Promise<void> => {
    setSaving(true);
    setErrors({});
    setFormError(null);
    try {
      const saved = source
        ? await update({
            id: source.id,
            name: name.trim(),
            ...(source.demo ? {} : { baseUrl: address }),
            ...(key ? { apiKey: key } : {}),
          })
        : await add({ kind, name: name.trim(), apiKey: key, baseUrl: address });
      onOpenChange(false);
      // A new source that answered syncs at once, through the console's one "Sync now".
      const problem = !source && tested ? (await syncNow({ sources: [saved.id] })).problem : null;
      onSaved?.(saved, problem);
    } catch (err) {
      const fields = fieldErrorsOf(err);
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFormError(messageOf(err, 'The source could not be saved.'));
    } finally {
      setSaving(false);
    }
  };

  // "Add source" / "Save changes": test first unless this very key and address already passed.
  const submit = async (): Promise<void> => {
    if (needsTest && !test?.ok) {
      const outcome = await runTest();
      if (!outcome?.ok) return;
      // The practice's own time zone is asked about once (see TimeZoneProposal): stay open for the answer.
      const zone = outcome.result.timeZone;
      if (zone && clinicZone !== undefined && zone !== clinicZone) return;
    }
    await save(true);
  };

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={editing ? `Edit ${source?.name}` : `Connect ${sourceKindLabel(kind)}`}
      description={
        editing
          ? 'Change the name, address or key. Leave the key empty to keep the one stored.'
          : 'ClinicSync tests the key, saves it and starts the first sync. It only reads; it never changes anything in the source.'
      }
      testId="source-dialog"
      footer={
        <>
          {/* One button that turns into "Cancel test", so focus stays on it while the test runs. */}
          <Button
            variant="secondary"
            icon={testing ? <X size={16} aria-hidden="true" /> : <PlugZap size={16} aria-hidden="true" />}
            onClick={testing ? resetTest : () => void runTest()}
            disabled={saving}
          >
            {testing ? 'Cancel test' : 'Test connection'}
          </Button>
          {testing && (
            <span className="muted" role="status" data-testid="connection-testing">
              <Spinner /> Testing the connection…
            </span>
          )}
          <span className="spacer" />
          <Button variant="quiet" onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
          {canSaveAnyway && (
            <Button variant="secondary" onClick={() => void save(false)} busy={saving}>
              Save anyway
            </Button>
          )}
          <Button variant="primary" type="submit" form="source-form" busy={saving} disabled={testing}>
            {editing ? 'Save changes' : 'Add source'}
          </Button>
        </>
      }
    >
      <form
        id="source-form"
        className="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!testing && !saving) void submit();
        }}
      >
        {!editing && (
          <SegmentedControl
            legend="Practice-management system"
            name="source-kind"
            value={kind}
            onChange={chooseKind}
            options={[
              { value: 'cliniko', label: 'Cliniko' },
              { value: 'intakeq', label: 'IntakeQ' },
            ]}
          />
        )}
        <Field label="Name" hint="How this source is called across ClinicSync." error={errors.name} required>
          {(p) => <TextInput {...p} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />}
        </Field>
        {!source?.demo && (
          <>
            <Field
              label="API key"
              hint={editing ? 'Leave empty to keep the stored key. ' + KEY_HINTS[kind] : KEY_HINTS[kind]}
              error={errors.apiKey}
              required={!editing}
            >
              {(p) => (
                <div className="key-input">
                  <TextInput
                    {...p}
                    type={showKey ? 'text' : 'password'}
                    value={apiKey}
                    onChange={(e) => {
                      setApiKey(e.target.value);
                      resetTest();
                    }}
                    autoComplete="off"
                    spellCheck={false}
                    placeholder={editing ? '•••••••• (stored)' : 'Paste the API key'}
                    className="mono"
                    data-testid="api-key-input"
                  />
                  <Button
                    variant="quiet"
                    icon={showKey ? <EyeOff size={16} aria-hidden="true" /> : <Eye size={16} aria-hidden="true" />}
                    aria-label={showKey ? 'Hide the API key' : 'Show the API key'}
                    aria-pressed={showKey}
                    onClick={() => setShowKey(!showKey)}
                  />
                </div>
              )}
            </Field>
            <Field
              label="API address (optional)"
              hint="Leave empty to use the standard address for the key. Change it only for a test server."
              error={errors.baseUrl}
            >
              {(p) => (
                <TextInput
                  {...p}
                  type="url"
                  value={baseUrl}
                  onChange={(e) => {
                    setBaseUrl(e.target.value);
                    resetTest();
                  }}
                  placeholder={kind === 'cliniko' ? 'https://api.au1.cliniko.com/v1' : 'https://intakeq.com/api/v1'}
                  autoComplete="off"
                  spellCheck={false}
                  data-testid="base-url-input"
                />
              )}
            </Field>
          </>
        )}
        {test && <ConnectionResult result={test} />}
        {canSaveAnyway && (
          <p className="muted" data-testid="save-anyway-hint">
            Not saved yet. Fix the key or address and try again, or choose Save anyway to keep it as it is: ClinicSync will not start a sync
            now, and scheduled syncs of this source will fail until the connection works.
          </p>
        )}
        {test?.ok && test.result.timeZone && <TimeZoneProposal zone={test.result.timeZone} />}
        {formError && (
          <Alert tone="danger" title="Not saved">
            {formError}
          </Alert>
        )}
      </form>
    </Dialog>
  );
}
