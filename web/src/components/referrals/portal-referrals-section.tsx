import { useTranslation } from 'react-i18next';
import { api } from '../../api-client.ts';
import { useResource } from '../../use-resource.ts';
import { LoadingState } from '../loading-state.tsx';
import { ProblemMessage } from '../problem-message.tsx';
import { PortalReferralCard } from './portal-referral-card.tsx';

/** "Mes adressages": the patient's referrals, in plain words, newest first as the server sends them. */
export function PortalReferralsSection() {
  const { t } = useTranslation();
  const referrals = useResource('portal-referrals', (signal) => api.portalReferrals(signal));
  return (
    <section className="portal-section" aria-labelledby="portal-referrals" data-testid="portal-referrals">
      <h2 id="portal-referrals">{t('portalReferrals.title.section')}</h2>
      {referrals.status === 'loading' && <LoadingState />}
      {referrals.status === 'error' && <ProblemMessage error={referrals.error} onRetry={referrals.reload} />}
      {referrals.status === 'ready' &&
        (referrals.data.items.length === 0 ? (
          <p className="portal-empty">{t('portalReferrals.empty')}</p>
        ) : (
          <ul className="portal-list">
            {referrals.data.items.map((referral) => (
              <PortalReferralCard key={referral.id} referral={referral} />
            ))}
          </ul>
        ))}
    </section>
  );
}
