import { useCallback, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api-client.ts';
import { useReferralsChanged } from '../../referral-events.ts';
import { Link } from '../../router.tsx';
import { useResource } from '../../use-resource.ts';
import { LoadingState } from '../loading-state.tsx';
import { ProblemMessage } from '../problem-message.tsx';
import { ReferralRow } from '../referrals/referral-row.tsx';

/** The patient's referrals and télé-expertise requests, each opening its page; and the way to write one. */
export function ReferralsSection({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  const referrals = useResource(`patient-referrals:${patientId}`, (signal) =>
    api.patientReferrals(patientId, signal),
  );
  const { reload } = referrals;
  useReferralsChanged(useCallback(() => reload(), [reload]));
  const items = referrals.status === 'ready' ? referrals.data.items : [];

  return (
    <section className="card section-card" aria-labelledby={headingId} data-testid="patient-referrals">
      <h2 id={headingId} className="card-title">
        {t('referrals.section.title')}
        {items.length > 0 && <span className="card-count">{items.length}</span>}
        <Link
          to={`/patients/${encodeURIComponent(patientId)}/referrals/new`}
          className="button button-secondary button-small card-title-action"
          data-testid="new-referral-open"
        >
          {t('referrals.section.new')}
        </Link>
      </h2>
      {referrals.status === 'loading' && <LoadingState />}
      {referrals.status === 'error' && <ProblemMessage error={referrals.error} onRetry={reload} />}
      {referrals.status === 'ready' && items.length === 0 && (
        <p className="empty-text" data-testid="patient-referrals-empty">
          {t('referrals.section.empty')}
        </p>
      )}
      {items.length > 0 && (
        <ul className="item-list">
          {items.map((referral) => (
            <ReferralRow key={referral.id} referral={referral} showPatient={false} />
          ))}
        </ul>
      )}
    </section>
  );
}
