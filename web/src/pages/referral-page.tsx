import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api-client.ts';
import type { ReferralDetail } from '../api-types.ts';
import { LoadingState } from '../components/loading-state.tsx';
import { ProblemMessage } from '../components/problem-message.tsx';
import { DocumentList } from '../components/record/documents-section.tsx';
import { ResultsTable } from '../components/record/results-section.tsx';
import { LiaisonLetter } from '../components/referrals/liaison-letter.tsx';
import { ReferralActions } from '../components/referrals/referral-actions.tsx';
import { ReferralBadges } from '../components/referrals/referral-badges.tsx';
import { ReferralDeadline } from '../components/referrals/referral-deadline.tsx';
import { ReferralHistory } from '../components/referrals/referral-history.tsx';
import { ReferralOutcomeCard } from '../components/referrals/referral-outcome-card.tsx';
import { ReferralRequestCard } from '../components/referrals/referral-request-card.tsx';
import { ReferralThread } from '../components/referrals/referral-thread.tsx';
import { SectionCard } from '../components/section-card.tsx';
import { formatDate, formatDateTime } from '../format.ts';
import { currentLanguage } from '../i18n.ts';
import { partyText } from '../referral-labels.ts';
import { useReferralsChanged } from '../referral-events.ts';
import { Link } from '../router.tsx';
import { useDocumentTitle } from '../use-document-title.ts';
import { useResource } from '../use-resource.ts';

/** One referral, for its parties: the request, what it carries, where it stands, and what I may do. */
export function ReferralPage({ referralId }: { referralId: string }) {
  const { t } = useTranslation();
  const referral = useResource(`referral:${referralId}`, (signal) => api.referral(referralId, signal));
  const { reload } = referral;
  useReferralsChanged(useCallback(() => reload(), [reload]));
  useDocumentTitle(
    referral.status === 'ready'
      ? t('referrals.detail.pageTitle', { name: referral.data.patient.name })
      : t('referrals.detail.title'),
  );
  return (
    <div className="page page-referral" data-testid="referral-page">
      {referral.status === 'loading' && <LoadingState />}
      {referral.status === 'error' && (
        <ProblemMessage
          error={referral.error}
          testId="referral-error"
          {...(referral.error.status === 404
            ? { message: t('referrals.detail.notFound') }
            : { onRetry: reload })}
        />
      )}
      {referral.status === 'ready' && <ReferralView referral={referral.data} onChanged={reload} />}
    </div>
  );
}

function ReferralView({ referral, onChanged }: { referral: ReferralDetail; onChanged: () => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { relations } = referral;
  const box = relations.includes('referrer') ? 'outbox' : 'inbox';
  // The record is for the care team; the referral's other parties see what the referral carries.
  const mayOpenRecord = relations.includes('care-team') || relations.includes('referrer');
  const patientLabel = t('referrals.row.patient', {
    name: referral.patient.name,
    birthDate: formatDate(referral.patient.birthDate, language),
  });

  return (
    <>
      <p className="back-link">
        <Link to={`/referrals/${box}`}>
          <span aria-hidden="true">← </span>
          {t(`referrals.box.${box}.title`)}
        </Link>
      </p>
      <section
        className="card section-card referral-head"
        aria-labelledby="referral-title"
        data-testid="referral-head"
      >
        <p className="eyebrow">{t(`referrals.kinds.${referral.kind}`)}</p>
        <h1 id="referral-title" className="referral-title">
          {mayOpenRecord ? (
            <Link to={`/patients/${encodeURIComponent(referral.patient.id)}`} data-testid="referral-patient">
              {patientLabel}
            </Link>
          ) : (
            <span data-testid="referral-patient">{patientLabel}</span>
          )}
        </h1>
        <ReferralBadges kind={referral.kind} urgency={referral.urgency} status={referral.status} />
        <p className="item-meta">
          {t('referrals.row.fromTo', { from: referral.referrer.name, to: partyText(referral.target) })}
          {referral.performer !== null && (
            <> · {t('referrals.row.performer', { name: referral.performer.name })}</>
          )}
          {' · '}
          {t('referrals.row.sent', { date: formatDateTime(referral.createdAt, language) })}
        </p>
        {referral.deadline !== null && <ReferralDeadline deadline={referral.deadline} detailed />}
      </section>
      <ReferralActions referral={referral} onChanged={onChanged} />
      <div className="record-grid">
        <div className="record-main">
          <ReferralRequestCard referral={referral} />
          <ReferralOutcomeCard referral={referral} />
          <SectionCard
            title={t('referrals.detail.attachedResults')}
            testId="referral-attached-results"
            count={referral.attachedResults.length}
            isEmpty={referral.attachedResults.length === 0}
            emptyText={t('referrals.detail.noAttachedResults')}
          >
            <ResultsTable results={referral.attachedResults} />
          </SectionCard>
          <SectionCard
            title={t('referrals.detail.attachedDocuments')}
            testId="referral-attached-documents"
            count={referral.attachedDocuments.length}
            isEmpty={referral.attachedDocuments.length === 0}
            emptyText={t('referrals.detail.noAttachedDocuments')}
          >
            <DocumentList
              documents={referral.attachedDocuments}
              hrefOf={(document) => api.referralDocumentUrl(referral.id, document.id)}
            />
          </SectionCard>
          <ReferralThread messages={referral.messages} />
          <ReferralHistory history={referral.history} />
        </div>
        <aside className="record-side" aria-label={t('referrals.detail.aside')}>
          <SectionCard
            title={t('referrals.detail.preferences')}
            testId="referral-preferences-view"
            isEmpty={referral.kind === 'tele-expertise'}
            emptyText={t('referrals.detail.noPreferences')}
          >
            <ul className="plain-list">
              <li>
                {t('referrals.detail.preferPlace', {
                  place: referral.preferences.place ?? t('common.notProvided'),
                })}
              </li>
              <li>
                {referral.preferences.teleconsultation
                  ? t('referrals.detail.teleconsultationOk')
                  : t('referrals.detail.teleconsultationNo')}
              </li>
              <li>
                {t('referrals.detail.availability', {
                  availability: referral.preferences.availability ?? t('common.notProvided'),
                })}
              </li>
            </ul>
          </SectionCard>
          {referral.liaisonLetter !== null && (
            <section className="card section-card">
              <LiaisonLetter
                reasons={referral.liaisonLetter.reasons}
                treatments={referral.liaisonLetter.treatments}
                allergies={referral.liaisonLetter.allergies}
                preview={false}
              />
            </section>
          )}
        </aside>
      </div>
    </>
  );
}
