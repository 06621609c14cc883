import { AlertTriangle, CheckCircle2, Info, XCircle } from 'lucide-react';
import type { ReactNode } from 'react';
import type { Tone } from './Badge';

const ICONS = { neutral: Info, info: Info, ok: CheckCircle2, warn: AlertTriangle, danger: XCircle } as const;

/**
 * An inline message inside a page or form. `danger` is announced at once (role="alert"); the others
 * politely (role="status"). Always say what happened and what to do.
 */
export function Alert({
  tone = 'info',
  title,
  children,
  actions,
  className,
}: {
  tone?: Tone;
  title?: ReactNode;
  children?: ReactNode;
  actions?: ReactNode;
  className?: string;
}) {
  const Icon = ICONS[tone];
  return (
    <div className={['alert', `tone-${tone}`, className].filter(Boolean).join(' ')} role={tone === 'danger' ? 'alert' : 'status'}>
      <Icon size={16} className="alert-icon" aria-hidden="true" />
      <div className="alert-body">
        {title && <p className="alert-title">{title}</p>}
        {children && <div className="alert-text">{children}</div>}
      </div>
      {actions && <div className="alert-actions">{actions}</div>}
    </div>
  );
}
