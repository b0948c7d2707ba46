import { Link } from '../router.tsx';

export interface TabNavItem {
  readonly to: string;
  readonly label: string;
  readonly current: boolean;
  readonly testId?: string;
}

/** Sibling pages shown as tabs (inbox and outbox, the administration pages). */
export function TabNav({ label, items }: { label: string; items: readonly TabNavItem[] }) {
  return (
    <nav className="box-tabs" aria-label={label}>
      {items.map((item) => (
        <Link
          key={item.to}
          to={item.to}
          className="box-tab"
          aria-current={item.current ? 'page' : undefined}
          {...(item.testId === undefined ? {} : { 'data-testid': item.testId })}
        >
          {item.label}
        </Link>
      ))}
    </nav>
  );
}
