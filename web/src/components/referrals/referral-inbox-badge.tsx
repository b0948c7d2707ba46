import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api-client.ts';
import { useReferralsChanged } from '../../referral-events.ts';

/**
 * How many open referrals wait in my inbox: the first page's length, "50+" when there are more pages
 * (cheap, and enough to say "there is work"). Nothing when none.
 */
export function ReferralInboxBadge() {
  const { t } = useTranslation();
  const [count, setCount] = useState<{ count: number; more: boolean } | null>(null);
  const refresh = useCallback(() => {
    api.referralBox('inbox', { state: 'open', cursor: null }).then(
      (page) => setCount({ count: page.items.length, more: page.nextCursor !== null }),
      () => setCount(null),
    );
  }, []);
  useEffect(refresh, [refresh]);
  useReferralsChanged(refresh);
  if (count === null || count.count === 0) return null;
  const label = t('referrals.nav.inboxBadge', { count: count.count });
  return (
    <span
      className="nav-badge nav-badge-info"
      data-testid="referral-inbox-badge"
      aria-label={label}
      title={label}
    >
      {count.more ? `${count.count}+` : count.count}
    </span>
  );
}
