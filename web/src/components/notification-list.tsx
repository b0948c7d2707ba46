import { useTranslation } from 'react-i18next';
import type { NotificationItem } from '../../../src/contracts/notification-contracts.ts';
import { formatDateTime } from '../format.ts';
import { currentLanguage } from '../i18n.ts';
import { navigate, safeInternalPath } from '../router.tsx';

/**
 * Notifications as a list: unread ones stand out; opening one marks it read and follows its link
 * (an in-app path; a patient's record opens only if I still have access to it).
 */
export function NotificationList({
  items,
  onMarkRead,
  onOpened,
}: {
  items: readonly NotificationItem[];
  onMarkRead: (notificationId: string) => Promise<void>;
  onOpened?: () => void;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  if (items.length === 0)
    return (
      <p className="empty-text" data-testid="notifications-empty">
        {t('notifications.empty')}
      </p>
    );
  return (
    <ul className="notification-list">
      {items.map((item) => {
        const unread = item.readAt === null;
        const target = safeInternalPath(item.link);
        return (
          <li
            key={item.id}
            className={`notification-item${unread ? ' notification-unread' : ''}`}
            data-testid="notification-item"
            data-read={unread ? 'false' : 'true'}
          >
            <button
              type="button"
              className="notification-open"
              onClick={() => {
                void onMarkRead(item.id);
                onOpened?.();
                if (target !== null) navigate(target);
              }}
            >
              <span className="notification-title">
                {item.urgency === 'urgent' && (
                  <span className="badge badge-danger notification-urgent">{t('notifications.urgent')}</span>
                )}
                {item.title}
              </span>
              {item.body !== '' && <span className="notification-body">{item.body}</span>}
              <span className="notification-meta">
                <time dateTime={item.createdAt}>{formatDateTime(item.createdAt, language)}</time>
                {unread && <span className="visually-hidden"> · {t('notifications.unread')}</span>}
              </span>
            </button>
            {unread && (
              <button
                type="button"
                className="button button-quiet notification-mark"
                data-testid="notification-mark-read"
                aria-label={t('notifications.markReadLabel', { title: item.title })}
                onClick={() => void onMarkRead(item.id)}
              >
                {t('notifications.markRead')}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
