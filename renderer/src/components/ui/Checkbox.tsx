import * as RadixCheckbox from '@radix-ui/react-checkbox';
import { Check } from 'lucide-react';
import { useId, type ReactNode } from 'react';
import { ControlLabel } from './ControlLabel';

/** A labelled checkbox (Radix Checkbox, role="checkbox"). */
export function Checkbox({
  label,
  checked,
  onCheckedChange,
  disabled,
  hint,
}: {
  label: ReactNode;
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
  disabled?: boolean;
  hint?: ReactNode;
}) {
  const id = useId();
  return (
    <div className="checkbox-field">
      <RadixCheckbox.Root
        id={id}
        className="checkbox"
        checked={checked}
        onCheckedChange={(state) => onCheckedChange(state === true)}
        disabled={disabled}
        aria-describedby={hint ? `${id}-hint` : undefined}
      >
        <RadixCheckbox.Indicator className="checkbox-indicator">
          <Check size={12} strokeWidth={3} aria-hidden="true" />
        </RadixCheckbox.Indicator>
      </RadixCheckbox.Root>
      <ControlLabel id={id} label={label} hint={hint} className="checkbox-label" />
    </div>
  );
}
