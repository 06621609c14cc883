import type { ReactNode } from 'react';

/**
 * What a view shows when it has nothing (yet): what this place is for and what to do next.
 * Use for empty lists, "no results" after filtering, and load failures (with `tone="danger"`).
 */
export function EmptyState({
  icon,
  title,
  children,
  actions,
  tone = 'neutral',
  headingLevel = 2,
}: {
  icon?: ReactNode;
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
  tone?: 'neutral' | 'danger';
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className={`empty-state empty-${tone}`} role={tone === 'danger' ? 'alert' : undefined}>
      {icon && (
        <div className="empty-icon" aria-hidden="true">
          {icon}
        </div>
      )}
      <Heading className="empty-title">{title}</Heading>
      {children && <div className="empty-body">{children}</div>}
      {actions && <div className="empty-actions">{actions}</div>}
    </div>
  );
}
