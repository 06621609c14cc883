import type { ConnectionTestResult, SourceKind, SourceView } from '@contract';
import { Eye, EyeOff, PlugZap } from 'lucide-react';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { codeOf, fieldErrorsOf, messageOf, type FieldErrors } from '../../lib/errors';
import { sourceKindLabel } from '../../lib/status';
import { useSourcesStore } from '../../store/instances';
import { Alert, Button, Dialog, Field, SegmentedControl, TextInput } from '../ui';
import { ConnectionResult } from './ConnectionResult';
import { TimeZoneProposal } from './TimeZoneProposal';

const KEY_HINTS: Record<SourceKind, string> = {
  cliniko: 'In Cliniko: My info → Manage API keys → Add an API key. The key decides the region (for example …-au1).',
  intakeq: 'In IntakeQ: More → Settings → Integrations → Developer API. Copy the whole key.',
};

type TestState = { ok: true; result: ConnectionTestResult } | { ok: false; code: string | null; message: string } | null;

/**
 * Add a source, or edit one. The key is typed into a masked field (with a Show button), can be
 * tested before saving, and is never shown again once saved: editing leaves it empty to keep it.
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
  onSaved?: (source: SourceView) => void;
}) {
  const add = useSourcesStore((s) => s.add);
  const update = useSourcesStore((s) => s.update);
  const editing = Boolean(source);
  const [kind, setKind] = useState<SourceKind>(source?.kind ?? initialKind);
  const [name, setName] = useState(source?.name ?? sourceKindLabel(initialKind));
  const [apiKey, setApiKey] = useState('');
  const [baseUrl, setBaseUrl] = useState(source?.baseUrl ?? '');
  const [showKey, setShowKey] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [testing, setTesting] = useState(false);
  const [test, setTest] = useState<TestState>(null);

  // A fresh form each time the dialog opens.
  useEffect(() => {
    if (!open) return;
    setKind(source?.kind ?? initialKind);
    setName(source?.name ?? sourceKindLabel(initialKind));
    setApiKey('');
    setBaseUrl(source?.baseUrl ?? '');
    setShowKey(false);
    setErrors({});
    setFormError(null);
    setTest(null);
  }, [open, source, initialKind]);

  const chooseKind = (next: SourceKind): void => {
    if (name === sourceKindLabel(kind) || !name.trim()) setName(sourceKindLabel(next));
    setKind(next);
    setTest(null);
  };

  const runTest = async (): Promise<void> => {
    if (!apiKey.trim() && !source) {
      setErrors({ apiKey: 'Enter the API key to test it.' });
      return;
    }
    setErrors({});
    setTesting(true);
    setTest(null);
    try {
      const result = apiKey.trim()
        ? await api.call('sources:test', { kind, apiKey: apiKey.trim(), baseUrl: baseUrl.trim() || null })
        : await api.call('sources:test', { id: source!.id });
      setTest({ ok: true, result });
    } catch (err) {
      const fields = fieldErrorsOf(err);
      if (Object.keys(fields).length > 0) setErrors(fields);
      setTest({ ok: false, code: codeOf(err), message: messageOf(err, 'The connection test failed.') });
    } finally {
      setTesting(false);
    }
  };

  const save = async (): Promise<void> => {
    setSaving(true);
    setErrors({});
    setFormError(null);
    try {
      const saved = source
        ? await update({
            id: source.id,
            name: name.trim(),
            ...(source.demo ? {} : { baseUrl: baseUrl.trim() || null }),
            ...(apiKey.trim() ? { apiKey: apiKey.trim() } : {}),
          })
        : await add({ kind, name: name.trim(), apiKey: apiKey.trim(), baseUrl: baseUrl.trim() || null });
      onOpenChange(false);
      onSaved?.(saved);
    } catch (err) {
      const fields = fieldErrorsOf(err);
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFormError(messageOf(err, 'The source could not be saved.'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={editing ? `Edit ${source?.name}` : `Connect ${sourceKindLabel(kind)}`}
      description={
        editing
          ? 'Change the name, address or key. Leave the key empty to keep the one stored.'
          : 'ClinicSync reads patients and appointments with this key. It never changes anything in the source.'
      }
      testId="source-dialog"
      footer={
        <>
          <Button
            variant="secondary"
            icon={<PlugZap size={16} aria-hidden="true" />}
            busy={testing}
            onClick={() => void runTest()}
            disabled={saving}
          >
            Test connection
          </Button>
          <span className="spacer" />
          <Button variant="quiet" onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
          <Button variant="primary" type="submit" form="source-form" busy={saving}>
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
          void save();
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
                      setTest(null);
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
                    setTest(null);
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
