import { forwardRef, type ButtonHTMLAttributes, type ReactNode } from 'react';
import { Spinner } from './Spinner';

export type ButtonVariant = 'primary' | 'secondary' | 'quiet' | 'danger';
export type ButtonSize = 'sm' | 'md';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** An icon before the label (lucide icons at 16px). Replaced by a spinner while `busy`. */
  icon?: ReactNode;
  /** Shows a spinner and blocks clicks without changing the button's width. */
  busy?: boolean;
}

/**
 * The one button. `primary` for the main action of a view, `secondary` for the rest, `quiet` inside
 * dense rows and toolbars, `danger` for destructive confirmations. Icon-only buttons need `aria-label`.
 */
export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { variant = 'secondary', size = 'md', icon, busy = false, className, children, disabled, type = 'button', ...rest },
  ref,
) {
  const iconOnly = children === undefined || children === null || children === false;
  const classes = ['btn', `btn-${variant}`, `btn-${size}`, iconOnly && 'btn-icon', busy && 'is-busy', className].filter(Boolean).join(' ');
  return (
    <button ref={ref} type={type} className={classes} disabled={disabled || busy} aria-busy={busy || undefined} {...rest}>
      {busy ? <Spinner size={size === 'sm' ? 12 : 14} /> : icon}
      {!iconOnly && <span className="btn-label">{children}</span>}
    </button>
  );
});
