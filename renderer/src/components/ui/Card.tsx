import type { HTMLAttributes, ReactNode } from 'react';

/** A bordered surface for one group of content. */
export function Card({ className, children, ...rest }: HTMLAttributes<HTMLElement> & { children: ReactNode }) {
  return (
    <section className={['card', className].filter(Boolean).join(' ')} {...rest}>
      {children}
    </section>
  );
}

/** Title row of a card: heading, optional description, actions on the right. */
export function CardHeader({
  title,
  titleId,
  description,
  actions,
  level = 2,
}: {
  title: ReactNode;
  titleId?: string;
  description?: ReactNode;
  actions?: ReactNode;
  level?: 2 | 3;
}) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <div className="card-header">
      <div className="card-header-text">
        <Heading id={titleId} className="card-title">
          {title}
        </Heading>
        {description && <p className="card-description">{description}</p>}
      </div>
      {actions && <div className="card-actions">{actions}</div>}
    </div>
  );
}
