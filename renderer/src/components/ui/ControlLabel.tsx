import type { ReactNode } from 'react';

/** The label and optional hint beside a switch or checkbox; the hint's id is `${id}-hint`. */
export function ControlLabel({ id, label, hint, className }: { id: string; label: ReactNode; hint?: ReactNode; className: string }) {
  return (
    <div className="switch-text">
      <label htmlFor={id} className={className}>
        {label}
      </label>
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}
