import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api-client.ts';
import type { ReferralBox, ReferralBoxState } from '../api-types.ts';
import { LoadingState } from '../components/loading-state.tsx';
import { ProblemMessage } from '../components/problem-message.tsx';
import { ReferralRow } from '../components/referrals/referral-row.tsx';
import { TabNav } from '../components/tab-nav.tsx';
import { useReferralsChanged } from '../referral-events.ts';
import { navigate, useLocation } from '../router.tsx';
import { useDocumentTitle } from '../use-document-title.ts';
import { usePagedResource } from '../use-paged-resource.ts';

const STATES: readonly ReferralBoxState[] = ['open', 'closed', 'all'];
const BOXES: readonly ReferralBox[] = ['inbox', 'outbox'];

/**
 * The referrals sent to me (inbox: to me, my service or my specialty) or by me (outbox), open ones by
 * default; kept current by the live stream.
 */
export function ReferralBoxPage({ box }: { box: ReferralBox }) {
  const { t } = useTranslation();
  useDocumentTitle(t(`referrals.box.${box}.title`));
  const { search } = useLocation();
  const state = STATES.find((value) => value === search.get('state')) ?? 'open';
  const { first, items, hasMore, moreError, loadMore } = usePagedResource(
    `referrals:${box}:${state}`,
    (cursor, signal) => api.referralBox(box, { state, cursor }, signal),
  );
  const { reload } = first;
  useReferralsChanged(useCallback(() => reload(), [reload]));

  return (
    <div className="page page-referral-box" data-testid={`referral-${box}`}>
      <TabNav
        label={t('referrals.box.tabs')}
        items={BOXES.map((tab) => ({
          to: `/referrals/${tab}`,
          label: t(`referrals.nav.${tab}`),
          current: tab === box,
          testId: `referral-tab-${tab}`,
        }))}
      />
      <div className="page-heading">
        <h1>{t(`referrals.box.${box}.title`)}</h1>
        <p className="page-intro">{t(`referrals.box.${box}.intro`)}</p>
      </div>
      <div className="segmented" role="group" aria-label={t('referrals.box.stateLegend')}>
        {STATES.map((value) => (
          <button
            key={value}
            type="button"
            className="button button-small segmented-option"
            aria-pressed={value === state}
            data-testid={`referral-state-${value}`}
            onClick={() => navigate(`/referrals/${box}${value === 'open' ? '' : `?state=${value}`}`)}
          >
            {t(`referrals.box.state.${value}`)}
          </button>
        ))}
      </div>
      {first.status === 'loading' && <LoadingState />}
      {first.status === 'error' && <ProblemMessage error={first.error} onRetry={reload} />}
      {first.status === 'ready' && items.length === 0 && (
        <div className="empty-panel" role="status" data-testid="referral-box-empty">
          <p className="empty-panel-title">{t(`referrals.box.${box}.empty`)}</p>
        </div>
      )}
      {items.length > 0 && (
        <section className="card section-card" aria-label={t(`referrals.box.${box}.title`)}>
          <ul className="item-list">
            {items.map((referral) => (
              <ReferralRow key={referral.id} referral={referral} showPatient />
            ))}
          </ul>
        </section>
      )}
      {moreError !== null && <ProblemMessage error={moreError} />}
      {hasMore && (
        <button type="button" className="button button-secondary" onClick={() => void loadMore()}>
          {t('referrals.box.more')}
        </button>
      )}
    </div>
  );
}
