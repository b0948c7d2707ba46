import { useId, type ReactNode } from 'react';

/** A titled card for one part of a record; says `emptyText` when there is nothing to show. */
export function SectionCard({
  title,
  testId,
  count,
  isEmpty,
  emptyText,
  className,
  children,
}: {
  title: string;
  testId: string;
  count?: number;
  isEmpty: boolean;
  emptyText: string;
  className?: string | undefined;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <section
      className={`card section-card${className === undefined ? '' : ` ${className}`}`}
      aria-labelledby={headingId}
      data-testid={testId}
    >
      <h2 id={headingId} className="card-title">
        {title}
        {count !== undefined && count > 0 && <span className="card-count">{count}</span>}
      </h2>
      {isEmpty ? (
        <p className="empty-text" data-testid={`${testId}-empty`}>
          {emptyText}
        </p>
      ) : (
        children
      )}
    </section>
  );
}
