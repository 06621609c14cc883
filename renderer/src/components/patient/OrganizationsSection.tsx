import type { Organization } from '@contract';
import { Plus } from 'lucide-react';
import { useState } from 'react';
import { usePatientStore, useRosterStore } from '../../store/instances';
import { Button, Checkbox, Field, TextInput } from '../ui';

/** Which organizations (schools, employers, programs) the patient belongs to; local to ClinicSync. */
export function OrganizationsSection({ current }: { current: Organization[] }) {
  const organizations = useRosterStore((s) => s.organizations);
  const setOrganizations = usePatientStore((s) => s.setOrganizations);
  const createOrganization = usePatientStore((s) => s.createOrganization);
  const saving = usePatientStore((s) => s.savingOrganizations);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const selected = new Set(current.map((o) => o.id));

  const toggle = (id: number, on: boolean): void => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    void setOrganizations([...next]);
  };

  return (
    <div className="stack">
      {organizations.length === 0 ? (
        <p className="muted section-empty">No organizations yet. Create one below to group patients (a school, an employer, a program).</p>
      ) : (
        <fieldset className="org-list" disabled={saving}>
          <legend className="sr-only">Organizations this patient belongs to</legend>
          {organizations.map((org) => (
            <Checkbox key={org.id} label={org.name} checked={selected.has(org.id)} onCheckedChange={(on) => toggle(org.id, on)} />
          ))}
        </fieldset>
      )}
      <form
        className="org-create"
        onSubmit={async (event) => {
          event.preventDefault();
          if (!name.trim()) return;
          setBusy(true);
          if (await createOrganization(name.trim())) setName('');
          setBusy(false);
        }}
      >
        <Field label="New organization" className="grow">
          {(p) => (
            <TextInput
              {...p}
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={120}
              placeholder="e.g. Northside High School"
            />
          )}
        </Field>
        <Button type="submit" icon={<Plus size={16} aria-hidden="true" />} busy={busy} disabled={!name.trim()}>
          Create and add
        </Button>
      </form>
    </div>
  );
}
