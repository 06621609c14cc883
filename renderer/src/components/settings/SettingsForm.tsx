import type { ReactNode } from 'react';

/** A settings section's form: checked by the section (not the browser) and saved without leaving the page. */
export function SettingsForm({ onSave, children }: { onSave: () => unknown; children: ReactNode }) {
  return (
    <form
      className="settings-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void onSave();
      }}
    >
      {children}
    </form>
  );
}
