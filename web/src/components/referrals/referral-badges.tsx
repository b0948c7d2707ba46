import { useTranslation } from 'react-i18next';
import type { ReferralKind, ReferralStatus, ReferralUrgency } from '../../api-types.ts';

const STATUS_BADGE: Readonly<Record<ReferralStatus, string>> = {
  requested: 'badge-info',
  on_hold: 'badge-warning',
  accepted: 'badge-info',
  scheduled: 'badge-info',
  seen: 'badge-info',
  reported: 'badge-primary',
  closed: 'badge-success',
  declined: 'badge-neutral',
  cancelled: 'badge-neutral',
};

const URGENCY_BADGE: Readonly<Record<ReferralUrgency, string>> = {
  urgent: 'badge-danger',
  soon: 'badge-warning',
  routine: 'badge-neutral',
};

/** Kind, urgency and status of a referral, as three badges. */
export function ReferralBadges({
  kind,
  urgency,
  status,
}: {
  kind: ReferralKind;
  urgency: ReferralUrgency;
  status: ReferralStatus;
}) {
  const { t } = useTranslation();
  return (
    <span className="referral-badges">
      <span className="badge badge-neutral" data-testid="referral-kind">
        {t(`referrals.kinds.${kind}`)}
      </span>
      <span className={`badge ${URGENCY_BADGE[urgency]}`} data-testid="referral-urgency">
        {t(`referrals.urgency.${urgency}`)}
      </span>
      <span className={`badge ${STATUS_BADGE[status]}`} data-testid="referral-status" data-status={status}>
        {t(`referrals.status.${status}`)}
      </span>
    </span>
  );
}
