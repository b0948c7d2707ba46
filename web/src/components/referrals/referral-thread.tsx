import { useTranslation } from 'react-i18next';
import type { ReferralDetail } from '../../api-types.ts';
import { formatDateTime } from '../../format.ts';
import { currentLanguage } from '../../i18n.ts';
import { SectionCard } from '../section-card.tsx';

/** The questions the performer asked the referrer, and the answers, oldest first. */
export function ReferralThread({ messages }: { messages: ReferralDetail['messages'] }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <SectionCard
      title={t('referrals.detail.thread')}
      testId="referral-thread"
      count={messages.length}
      isEmpty={messages.length === 0}
      emptyText={t('referrals.detail.noThread')}
    >
      <ol className="plain-list referral-thread">
        {messages.map((message) => (
          <li
            key={message.id}
            className={`referral-message referral-message-${message.kind}`}
            data-testid="referral-message"
          >
            <p className="item-meta">
              {t(`referrals.detail.messageKind.${message.kind}`, { name: message.author })} ·{' '}
              <time dateTime={message.at}>{formatDateTime(message.at, language)}</time>
            </p>
            <p className="pre-line">{message.text}</p>
          </li>
        ))}
      </ol>
    </SectionCard>
  );
}
