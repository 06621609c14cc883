import { useEffect, useState } from 'react';
import { useSettingsStore } from '../../store/instances';
import { Card, CardHeader, Field, TextInput } from '../ui';
import { SectionFooter } from './SectionFooter';
import { SettingsForm } from './SettingsForm';

/** The email Cliniko asks integrators to send, so they can reach the clinic about its API use. */
export function ContactSection() {
  const saved = useSettingsStore((s) => s.settings?.contactEmail);
  const errors = useSettingsStore((s) => s.sections.contact.fieldErrors);
  const update = useSettingsStore((s) => s.update);
  const [draft, setDraft] = useState(saved ?? '');
  useEffect(() => setDraft(saved ?? ''), [saved]);
  if (saved === undefined) return null;
  const dirty = draft.trim() !== (saved ?? '');

  return (
    <Card aria-labelledby="settings-contact" id="contact">
      <CardHeader
        title="Contact email"
        titleId="settings-contact"
        description="Sent to Cliniko with each request, as they ask of every integration, so they can reach you about API use."
      />
      <SettingsForm onSave={() => update('contact', { contactEmail: draft.trim() || null })}>
        <div className="form-grid">
          <Field label="Email" error={errors.contactEmail} hint="Leave empty to send ClinicSync’s default.">
            {(p) => (
              <TextInput
                {...p}
                type="email"
                value={draft}
                onChange={(e) => setDraft(e.target.value)}
                autoComplete="email"
                placeholder="it@yourclinic.example"
                data-testid="contact-email"
              />
            )}
          </Field>
        </div>
        <SectionFooter section="contact" dirty={dirty} onReset={() => setDraft(saved ?? '')} label="Save email" />
      </SettingsForm>
    </Card>
  );
}
