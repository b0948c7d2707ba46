import { useTranslation } from 'react-i18next';
import { api } from '../api-client.ts';
import { AdminTabs } from '../components/admin-tabs.tsx';
import { MatchQueueCard } from '../components/hl7/match-queue-card.tsx';
import { LoadingState } from '../components/loading-state.tsx';
import { ProblemMessage } from '../components/problem-message.tsx';
import { useDocumentTitle } from '../use-document-title.ts';
import { useResource } from '../use-resource.ts';

/** The ADT matching queue: hospital messages waiting for a human to say which patient they are about. */
export function Hl7MatchQueuePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('hl7Queue.title'));
  const queue = useResource('hl7-match-queue', (signal) => api.matchQueue(signal));

  return (
    <div className="page page-hl7-queue">
      <AdminTabs current="/admin/hl7" />
      <div className="page-heading">
        <h1>{t('hl7Queue.title')}</h1>
        <p className="page-intro">{t('hl7Queue.intro')}</p>
      </div>
      {queue.status === 'loading' && <LoadingState />}
      {queue.status === 'error' && <ProblemMessage error={queue.error} onRetry={queue.reload} />}
      {queue.status === 'ready' && (
        <div className="stack">
          {queue.data.items.length === 0 && (
            <p className="empty-text" data-testid="match-queue-empty">
              {t('hl7Queue.empty')}
            </p>
          )}
          {queue.data.items.map((item) => (
            <MatchQueueCard key={item.id} item={item} onResolved={queue.reload} />
          ))}
        </div>
      )}
    </div>
  );
}
