import { useTranslation } from 'react-i18next';
import { LoadingState } from '../components/loading-state.tsx';
import { NotificationList } from '../components/notification-list.tsx';
import { ProblemMessage } from '../components/problem-message.tsx';
import { Link } from '../router.tsx';
import { useDocumentTitle } from '../use-document-title.ts';
import { useNotificationInbox } from '../use-notification-inbox.ts';

const PAGE_SIZE = 20;

/** All my notifications, unread first, page by page; kept live. */
export function NotificationsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('notifications.title'));
  const inbox = useNotificationInbox(PAGE_SIZE);
  const { state } = inbox;
  return (
    <div className="page notifications-page" data-testid="notifications-page">
      <div className="page-heading notifications-heading">
        <h1 tabIndex={-1}>{t('notifications.title')}</h1>
        <div className="notifications-actions">
          {state.status === 'ready' && state.items.some((item) => item.readAt === null) && (
            <button
              type="button"
              className="button button-secondary"
              data-testid="notification-mark-all"
              onClick={() => void inbox.markAllRead()}
            >
              {t('notifications.markAllRead')}
            </button>
          )}
          <Link to="/notifications/settings" className="button button-quiet">
            {t('notifications.settingsLink')}
          </Link>
        </div>
      </div>
      <p className="page-intro">{t('notifications.intro')}</p>
      <section className="card">
        {state.status === 'loading' && <LoadingState />}
        {state.status === 'error' && <ProblemMessage error={state.error} onRetry={inbox.reload} />}
        {state.status === 'ready' && (
          <>
            <NotificationList items={state.items} onMarkRead={inbox.markRead} />
            {state.nextCursor !== null && (
              <button
                type="button"
                className="button button-secondary notifications-more"
                data-testid="notifications-more"
                disabled={state.loadingMore}
                onClick={() => void inbox.loadMore()}
              >
                {state.loadingMore ? t('common.loading') : t('notifications.loadMore')}
              </button>
            )}
          </>
        )}
      </section>
    </div>
  );
}
