import type { ReactNode } from 'react';

export type Tone = 'neutral' | 'info' | 'ok' | 'warn' | 'danger';

/**
 * A status label. Colour is never the only signal: the text says the status, and `dot` adds a
 * shape cue. Use `StatusBadge` helpers (appointment-status, run-status…) rather than picking tones ad hoc.
 */
export function Badge({
  tone = 'neutral',
  dot = false,
  icon,
  children,
  title,
  className,
}: {
  tone?: Tone;
  dot?: boolean;
  icon?: ReactNode;
  children: ReactNode;
  title?: string;
  className?: string;
}) {
  return (
    <span className={['badge', `tone-${tone}`, className].filter(Boolean).join(' ')} title={title}>
      {dot && <span className="badge-dot" aria-hidden="true" />}
      {icon}
      {children}
    </span>
  );
}
