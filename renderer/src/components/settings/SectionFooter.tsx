import { useEffect, useState } from 'react';
import type { SettingsSection } from '../../store/settings-store';
import { useSettingsStore } from '../../store/instances';
import { Alert, Button } from '../ui';

/**
 * The save row of a settings section: the section's general error, a "Saved" that fades after a
 * few seconds, and the Save button. Per-field errors show beside their fields.
 */
export function SectionFooter({
  section,
  dirty,
  onReset,
  label = 'Save',
}: {
  section: SettingsSection;
  dirty: boolean;
  onReset: () => void;
  label?: string;
}) {
  const state = useSettingsStore((s) => s.sections[section]);
  const [showSaved, setShowSaved] = useState(false);
  const errorCount = Object.keys(state.fieldErrors).length;

  useEffect(() => {
    if (!state.savedAt) return;
    setShowSaved(true);
    const timer = window.setTimeout(() => setShowSaved(false), 4000);
    return () => window.clearTimeout(timer);
  }, [state.savedAt]);

  return (
    <div className="section-footer">
      {state.error && (
        <Alert tone="danger" title="Not saved">
          {state.error}
        </Alert>
      )}
      <div className="section-footer-row">
        <span className="section-status" role="status">
          {errorCount > 0
            ? `Not saved: ${errorCount === 1 ? 'one field needs' : `${errorCount} fields need`} attention.`
            : showSaved && !dirty
              ? 'Saved.'
              : dirty
                ? 'Unsaved changes.'
                : ''}
        </span>
        <span className="spacer" />
        {dirty && (
          <Button variant="quiet" onClick={onReset}>
            Discard
          </Button>
        )}
        <Button type="submit" variant="primary" busy={state.saving} disabled={!dirty}>
          {label}
        </Button>
      </div>
    </div>
  );
}
