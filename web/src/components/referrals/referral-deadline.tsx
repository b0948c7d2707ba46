import { useTranslation } from 'react-i18next';
import type { ReferralDeadline as Deadline } from '../../api-types.ts';
import { formatDateTime } from '../../format.ts';
import { currentLanguage } from '../../i18n.ts';
import { daysSince } from '../../referral-labels.ts';

/**
 * The clock of an open referral in words: what it waits for and from whom, since when, and the
 * deadline — or that it is late, and whether the coordinator was asked to step in.
 */
export function ReferralDeadline({ deadline, detailed }: { deadline: Deadline; detailed: boolean }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const days = daysSince(deadline.since);
  const due = formatDateTime(deadline.dueAt, language);
  return (
    <p
      className={`item-meta referral-deadline${deadline.overdue ? ' referral-overdue' : ''}`}
      data-testid="referral-deadline"
      data-overdue={deadline.overdue}
    >
      {detailed && (
        <span>
          {t('referrals.deadline.waitingFor', {
            stage: t(`referrals.stage.${deadline.stage}`),
            who: t(`referrals.waitingOn.${deadline.waitingOn}`),
          })}{' '}
          ·{' '}
        </span>
      )}
      <span data-testid="referral-waiting">
        {days === 0 ? t('referrals.deadline.waitingToday') : t('referrals.deadline.waiting', { count: days })}
      </span>
      {' · '}
      <span className="referral-due">
        {deadline.overdue
          ? t('referrals.deadline.overdue', { date: due })
          : t('referrals.deadline.due', { date: due })}
      </span>
      {deadline.escalated && (
        <>
          {' · '}
          <span className="badge badge-danger">{t('referrals.deadline.escalated')}</span>
        </>
      )}
    </p>
  );
}
