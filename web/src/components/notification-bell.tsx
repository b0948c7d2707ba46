import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api-client.ts';
import { useLiveEvents } from '../live-events.ts';
import { Link } from '../router.tsx';
import { useNotificationInbox } from '../use-notification-inbox.ts';
import { LoadingState } from './loading-state.tsx';
import { NotificationList } from './notification-list.tsx';
import { ProblemMessage } from './problem-message.tsx';

const PANEL_SIZE = 8;

/** The bell in the header: my unread count, kept live, and a panel with my latest notifications. */
export function NotificationBell() {
  const { t } = useTranslation();
  const [count, setCount] = useState<number | null>(null);
  const [open, setOpen] = useState(false);
  const latestRequest = useRef(0);
  const root = useRef<HTMLDivElement>(null);

  // Counts are reloaded, not incremented, so they never drift; only the newest answer is kept.
  const refresh = useCallback(() => {
    const request = (latestRequest.current += 1);
    api.unreadCount().then(
      (answer) => {
        if (request === latestRequest.current) setCount(answer.count);
      },
      () => undefined, // the count stays as it was; the next live event tries again
    );
  }, []);
  useEffect(refresh, [refresh]);
  useLiveEvents('ready', refresh);
  useLiveEvents('notification', refresh);
  useLiveEvents('notifications-read', refresh);

  useEffect(() => {
    if (!open) return undefined;
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    const closeOnOutsideClick = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', closeOnEscape);
    document.addEventListener('mousedown', closeOnOutsideClick);
    return () => {
      document.removeEventListener('keydown', closeOnEscape);
      document.removeEventListener('mousedown', closeOnOutsideClick);
    };
  }, [open]);

  const unread = count ?? 0;
  return (
    <div className="notification-bell" ref={root}>
      <button
        type="button"
        className="bell-button"
        data-testid="notification-bell"
        data-unread-count={unread}
        aria-expanded={open}
        aria-controls="notification-panel"
        aria-label={t('notifications.bellLabel', { count: unread })}
        title={t('notifications.bellLabel', { count: unread })}
        onClick={() => setOpen((value) => !value)}
      >
        <BellIcon />
        {unread > 0 && (
          <span className="bell-count" data-testid="notification-count" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && <NotificationPanel onClose={() => setOpen(false)} />}
    </div>
  );
}

function NotificationPanel({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const inbox = useNotificationInbox(PANEL_SIZE);
  const { state } = inbox;
  const anyUnread = state.status === 'ready' && state.items.some((item) => item.readAt === null);
  return (
    <div
      id="notification-panel"
      className="notification-panel"
      role="dialog"
      aria-label={t('notifications.title')}
      data-testid="notification-panel"
    >
      <div className="notification-panel-head">
        <h2>{t('notifications.title')}</h2>
        {anyUnread && (
          <button
            type="button"
            className="button button-quiet"
            data-testid="notification-mark-all"
            onClick={() => void inbox.markAllRead()}
          >
            {t('notifications.markAllRead')}
          </button>
        )}
      </div>
      {state.status === 'loading' && <LoadingState />}
      {state.status === 'error' && <ProblemMessage error={state.error} onRetry={inbox.reload} />}
      {state.status === 'ready' && (
        <NotificationList
          items={state.items.slice(0, PANEL_SIZE)}
          onMarkRead={inbox.markRead}
          onOpened={onClose}
        />
      )}
      <div className="notification-panel-foot">
        <Link to="/notifications" onClick={onClose} data-testid="notifications-see-all">
          {t('notifications.seeAll')}
        </Link>
        <Link to="/notifications/settings" onClick={onClose} data-testid="notifications-settings-link">
          {t('notifications.settingsLink')}
        </Link>
      </div>
    </div>
  );
}

function BellIcon() {
  return (
    <svg
      className="bell-icon"
      viewBox="0 0 24 24"
      width="20"
      height="20"
      aria-hidden="true"
      focusable="false"
    >
      <path
        d="M12 3a6 6 0 0 0-6 6v3.6L4.3 15.4A1 1 0 0 0 5.2 17h13.6a1 1 0 0 0 .9-1.6L18 12.6V9a6 6 0 0 0-6-6Zm0 18a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 21Z"
        fill="currentColor"
      />
    </svg>
  );
}
