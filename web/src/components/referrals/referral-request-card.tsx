import { useTranslation } from 'react-i18next';
import type { ReferralDetail } from '../../api-types.ts';

/** What the referrer asks: the reason, the clinical question, and the exams wanted (repeats justified). */
export function ReferralRequestCard({ referral }: { referral: ReferralDetail }) {
  const { t } = useTranslation();
  return (
    <section
      className="card section-card"
      aria-labelledby="referral-request-title"
      data-testid="referral-request"
    >
      <h2 id="referral-request-title" className="card-title">
        {t('referrals.detail.request')}
      </h2>
      <dl className="referral-facts">
        <div>
          <dt>{t('referrals.detail.reason')}</dt>
          <dd className="pre-line" data-testid="referral-reason-text">
            {referral.reason}
          </dd>
        </div>
        <div>
          <dt>{t('referrals.detail.question')}</dt>
          <dd className="pre-line" data-testid="referral-question-text">
            {referral.clinicalQuestion}
          </dd>
        </div>
        {referral.requestedExams.length > 0 && (
          <div>
            <dt>{t('referrals.detail.exams')}</dt>
            <dd>
              <ul className="liaison-list">
                {referral.requestedExams.map((exam) => (
                  <li key={exam.code}>
                    {exam.display} <span className="muted">(LOINC {exam.code})</span>
                    {exam.repeatReason !== null && (
                      <span className="muted">
                        {' '}
                        — {t('referrals.detail.repeatReason', { reason: exam.repeatReason })}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}
