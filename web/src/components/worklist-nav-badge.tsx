import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api-client.ts';
import type { WorklistCount } from '../api-types.ts';
import { useLocation } from '../router.tsx';
import { useTasksChanged } from '../task-events.ts';

/** A safety net: changes made by others arrive live; this catches anything a dropped stream missed. */
const REFRESH_MS = 60_000;

/**
 * The navigation badge: my open tasks overdue or due today ("99+" beyond 99); nothing when none.
 * Refreshed on each navigation, on each task change (here or pushed live), and every minute.
 */
export function WorklistNavBadge() {
  const { t } = useTranslation();
  const { href } = useLocation();
  const [count, setCount] = useState<WorklistCount | null>(null);
  const refresh = useCallback(() => {
    api.worklistCount().then(setCount, () => setCount(null));
  }, []);
  useEffect(() => {
    refresh();
    const timer = window.setInterval(refresh, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [refresh, href]);
  useTasksChanged(refresh);
  if (count === null || count.count === 0) return null;
  const label = count.capped
    ? t('nav.worklistBadgeMore', { count: count.count })
    : t('nav.worklistBadge', { count: count.count });
  return (
    <span className="nav-badge" data-testid="worklist-badge" aria-label={label} title={label}>
      {count.capped ? `${count.count}+` : count.count}
    </span>
  );
}
