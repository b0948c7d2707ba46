import { useTranslation } from 'react-i18next';
import type { ReferralSummary } from '../../api-types.ts';
import { formatDate, formatDateTime } from '../../format.ts';
import { currentLanguage } from '../../i18n.ts';
import { partyText } from '../../referral-labels.ts';
import { Link } from '../../router.tsx';
import { ReferralBadges } from './referral-badges.tsx';
import { ReferralDeadline } from './referral-deadline.tsx';

/** One referral in a list: for whom, why, from whom to whom, where it stands and its clock. */
export function ReferralRow({ referral, showPatient }: { referral: ReferralSummary; showPatient: boolean }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <li className="item referral-row" data-testid="referral-row" data-referral-id={referral.id}>
      <div className="item-head">
        <Link
          to={`/referrals/${encodeURIComponent(referral.id)}`}
          className="item-title"
          data-testid="referral-open"
        >
          {showPatient
            ? t('referrals.row.patient', {
                name: referral.patient.name,
                birthDate: formatDate(referral.patient.birthDate, language),
              })
            : partyText(referral.target)}
        </Link>
        <ReferralBadges kind={referral.kind} urgency={referral.urgency} status={referral.status} />
      </div>
      <p className="item-body referral-reason">{referral.reason}</p>
      <p className="item-meta">
        {t('referrals.row.fromTo', { from: referral.referrer.name, to: partyText(referral.target) })}
        {referral.performer !== null && (
          <> · {t('referrals.row.performer', { name: referral.performer.name })}</>
        )}
        {' · '}
        {t('referrals.row.sent', { date: formatDateTime(referral.createdAt, language) })}
      </p>
      {referral.appointmentAt !== null && (
        <p className="item-meta">
          {t('referrals.row.appointment', { date: formatDateTime(referral.appointmentAt, language) })}
        </p>
      )}
      {referral.deadline !== null && <ReferralDeadline deadline={referral.deadline} detailed={false} />}
    </li>
  );
}
