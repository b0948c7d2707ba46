import { useTranslation } from 'react-i18next';
import { api } from '../../api-client.ts';
import type { ReferralDetail } from '../../api-types.ts';
import { formatDateTime } from '../../format.ts';
import { currentLanguage } from '../../i18n.ts';
import { DocumentList } from '../record/documents-section.tsx';
import { SectionCard } from '../section-card.tsx';
import { ReferralAppointment } from './referral-appointment.tsx';

/** What came of the referral so far: the appointment, the report, or why it was declined or cancelled. */
export function ReferralOutcomeCard({ referral }: { referral: ReferralDetail }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { appointment, report } = referral;
  const nothingYet =
    appointment === null &&
    report === null &&
    referral.declineReason === null &&
    referral.cancelReason === null;
  return (
    <SectionCard
      title={t('referrals.detail.outcome')}
      testId="referral-outcome"
      isEmpty={nothingYet}
      emptyText={t('referrals.detail.noOutcome')}
    >
      <div className="stack">
        {referral.declineReason !== null && (
          <p className="notice notice-danger" data-testid="referral-decline-reason">
            {t('referrals.detail.declined', { reason: referral.declineReason })}
          </p>
        )}
        {referral.cancelReason !== null && (
          <p className="notice notice-info" data-testid="referral-cancel-reason">
            {t('referrals.detail.cancelled', { reason: referral.cancelReason })}
          </p>
        )}
        {appointment !== null && (
          <div>
            <p className="subsection-title">{t('referrals.detail.appointment')}</p>
            <ReferralAppointment
              appointment={appointment}
              whenClass="appointment-when"
              instructionsTitle={t('referrals.appointment.instructions')}
            />
          </div>
        )}
        {report !== null && (
          <div data-testid="referral-report">
            <p className="subsection-title">
              {t('referrals.detail.report', { date: formatDateTime(report.at, language) })}
            </p>
            {report.text !== null && <p className="pre-line report-text">{report.text}</p>}
            {report.document !== null && (
              <DocumentList
                documents={[report.document]}
                hrefOf={(document) => api.referralDocumentUrl(referral.id, document.id)}
              />
            )}
          </div>
        )}
        {referral.closedAt !== null && referral.status === 'closed' && (
          <p className="notice notice-success" data-testid="referral-closed">
            {t('referrals.detail.closed', { date: formatDateTime(referral.closedAt, language) })}
          </p>
        )}
      </div>
    </SectionCard>
  );
}
