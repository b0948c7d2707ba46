import { useTranslation } from 'react-i18next';
import type { ReferralDetail } from '../../api-types.ts';
import { formatDateTime } from '../../format.ts';
import { currentLanguage, type Language } from '../../i18n.ts';
import { eventTypeLabel } from '../../labels.ts';
import { SectionCard } from '../section-card.tsx';

/** A note is a reason, a new target, or the appointment's instant (shown as a date and time). */
function noteText(note: string, language: Language): string {
  return /^\d{4}-\d{2}-\d{2}T/.test(note) ? formatDateTime(note, language) : note;
}

/** Every step of the referral, oldest first: what happened, who did it, and its note. */
export function ReferralHistory({ history }: { history: ReferralDetail['history'] }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <SectionCard
      title={t('referrals.detail.history')}
      testId="referral-history"
      isEmpty={history.length === 0}
      emptyText={t('referrals.detail.noHistory')}
    >
      <ol className="timeline">
        {history.map((entry, index) => (
          <li
            key={`${entry.at}-${index}`}
            className="timeline-item timeline-referral"
            data-testid="referral-history-entry"
            data-type={entry.type}
          >
            <span className="timeline-dot" aria-hidden="true" />
            <div className="timeline-content">
              <p className="timeline-head">
                <span className="timeline-type">{eventTypeLabel(entry.type)}</span>
                <time className="timeline-time" dateTime={entry.at}>
                  {formatDateTime(entry.at, language)}
                </time>
              </p>
              {(entry.by !== null || entry.note !== null) && (
                <p className="timeline-summary">
                  {[
                    entry.by === null ? '' : t('timeline.taskBy', { name: entry.by }),
                    entry.note === null ? '' : noteText(entry.note, language),
                  ]
                    .filter((part) => part !== '')
                    .join(' — ')}
                </p>
              )}
            </div>
          </li>
        ))}
      </ol>
    </SectionCard>
  );
}
