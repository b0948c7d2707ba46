import { useTranslation } from 'react-i18next';
import type { PortalReferralList } from '../../api-types.ts';
import { formatDateTime, formatDayOf } from '../../format.ts';
import { currentLanguage, translateOr } from '../../i18n.ts';
import { ReferralAppointment } from './referral-appointment.tsx';

type PortalReferral = PortalReferralList['items'][number];

/** Still waiting for the service to give an appointment. */
const AWAITING_APPOINTMENT: readonly PortalReferral['status'][] = ['requested', 'on_hold', 'accepted'];
const FINAL: readonly PortalReferral['status'][] = ['closed', 'declined', 'cancelled'];
/** Ended without a visit: an appointment given before no longer holds. */
const WITHDRAWN: readonly PortalReferral['status'][] = ['declined', 'cancelled'];

/**
 * One referral told to the patient: why and to whom, how and when the appointment comes, what to bring,
 * what happens next. A télé-expertise has no appointment: a specialist gives the GP an opinion.
 */
export function PortalReferralCard({ referral }: { referral: PortalReferral }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const tele = referral.kind === 'tele-expertise';
  const wording = tele ? 'tele' : 'referral';
  const dated = (iso: string | null): string => (iso === null ? '' : formatDayOf(iso, language));
  const next = t(`portalReferrals.next.${wording}.${referral.status}`, {
    reportDate: dated(referral.reportReturnedAt),
    closedDate: dated(referral.closedAt),
  });

  return (
    <li className="portal-card portal-referral" data-testid="portal-referral" data-status={referral.status}>
      <p className="portal-role">
        {t(`portalReferrals.kind.${wording}`)} ·{' '}
        {t('portalReferrals.sentOn', { date: dated(referral.sentAt) })}
      </p>
      <p className="portal-card-title">{t(`portalReferrals.title.${wording}`, { to: referral.to })}</p>
      {referral.urgency === 'urgent' && !FINAL.includes(referral.status) && (
        <p className="notice notice-danger">{t('portalReferrals.urgent')}</p>
      )}
      <dl className="portal-facts">
        <div>
          <dt>{t('portal.why')}</dt>
          <dd data-testid="portal-referral-why">
            {t(`portalReferrals.why.${wording}`, {
              doctor: referral.referrerName,
              to: referral.to,
              reason: referral.reason,
            })}
          </dd>
        </div>
      </dl>
      {!tele && referral.appointment !== null && !WITHDRAWN.includes(referral.status) && (
        <div className="portal-referral-block">
          <p className="instructions-title">{t('portalReferrals.appointmentTitle')}</p>
          <ReferralAppointment
            appointment={referral.appointment}
            whenClass="portal-when"
            instructionsTitle={t('portal.instructions')}
          />
        </div>
      )}
      {!tele && referral.appointment === null && AWAITING_APPOINTMENT.includes(referral.status) && (
        <p className="portal-referral-block" data-testid="portal-referral-awaiting">
          {t(`portalReferrals.awaiting.${referral.urgency}`)}
        </p>
      )}
      {!tele && !FINAL.includes(referral.status) && referral.status !== 'reported' && (
        <div className="portal-referral-block">
          <p className="instructions-title">{t('portalReferrals.bringTitle')}</p>
          <ul className="portal-bring">
            <li>{t('portalReferrals.bring.vitale')}</li>
            <li>{t('portalReferrals.bring.prescriptions')}</li>
            <li>{t('portalReferrals.bring.results')}</li>
          </ul>
        </div>
      )}
      <p className="portal-next" data-testid="portal-referral-next">
        <strong>{t('portalReferrals.nextTitle')}</strong> {next}
      </p>
      {referral.history.length > 0 && (
        <details className="portal-referral-history">
          <summary>{t('portalReferrals.historyTitle')}</summary>
          <ol className="plain-list">
            {referral.history.map((entry, index) => (
              <li key={`${entry.at}-${index}`} data-testid="portal-referral-step">
                <time dateTime={entry.at} className="muted">
                  {formatDateTime(entry.at, language)}
                </time>{' '}
                {translateOr(`portalReferrals.history.${entry.type.replaceAll('.', '_')}`, entry.type)}
              </li>
            ))}
          </ol>
        </details>
      )}
    </li>
  );
}
