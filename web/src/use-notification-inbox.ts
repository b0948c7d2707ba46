import { useCallback, useEffect, useState } from 'react';
import type { NotificationItem, NotificationsReadEvent } from '../../src/contracts/notification-contracts.ts';
import { api } from './api-client.ts';
import { toApiError, type ApiError } from './api-error.ts';
import { useLiveEvents } from './live-events.ts';

export type InboxState =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly error: ApiError }
  | {
      readonly status: 'ready';
      readonly items: readonly NotificationItem[];
      readonly nextCursor: string | null;
      readonly loadingMore: boolean;
    };

const markedRead = (item: NotificationItem, at: string): NotificationItem =>
  item.readAt === null ? { ...item, readAt: at } : item;

/**
 * My notifications, unread first, kept current live: a pushed notification goes on top, reads made in
 * other tabs show at once, and a reconnect (`ready`) reloads the first page.
 */
export function useNotificationInbox(pageSize: number) {
  const [state, setState] = useState<InboxState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    api.notifications({ limit: pageSize, cursor: null }, controller.signal).then(
      (page) =>
        setState({ status: 'ready', items: page.items, nextCursor: page.nextCursor, loadingMore: false }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', error: toApiError(error) });
      },
    );
    return () => controller.abort();
  }, [pageSize, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  useLiveEvents('ready', reload);
  useLiveEvents('notification', (data) => {
    const item = data as NotificationItem;
    setState((s) =>
      s.status === 'ready' ? { ...s, items: [item, ...s.items.filter((other) => other.id !== item.id)] } : s,
    );
    // A first page fetched before this push (e.g. on reconnect) would land after it and hide it: fetch
    // again, which also drops that older request.
    reload();
  });
  useLiveEvents('notifications-read', (data) => {
    const { notificationId } = data as NotificationsReadEvent;
    const now = new Date().toISOString();
    setState((s) =>
      s.status === 'ready'
        ? {
            ...s,
            items: s.items.map((item) =>
              notificationId === null || item.id === notificationId ? markedRead(item, now) : item,
            ),
          }
        : s,
    );
  });

  const markRead = useCallback(
    async (notificationId: string) => {
      const now = new Date().toISOString();
      setState((s) =>
        s.status === 'ready'
          ? {
              ...s,
              items: s.items.map((item) => (item.id === notificationId ? markedRead(item, now) : item)),
            }
          : s,
      );
      try {
        await api.markNotificationRead(notificationId);
      } catch {
        reload(); // show the truth again
      }
    },
    [reload],
  );

  const markAllRead = useCallback(async () => {
    await api.markAllNotificationsRead();
    const now = new Date().toISOString();
    setState((s) =>
      s.status === 'ready' ? { ...s, items: s.items.map((item) => markedRead(item, now)) } : s,
    );
  }, []);

  const loadMore = useCallback(async () => {
    if (state.status !== 'ready' || state.nextCursor === null || state.loadingMore) return;
    setState({ ...state, loadingMore: true });
    try {
      const page = await api.notifications({ limit: pageSize, cursor: state.nextCursor });
      setState((s) =>
        s.status === 'ready'
          ? { ...s, items: [...s.items, ...page.items], nextCursor: page.nextCursor, loadingMore: false }
          : s,
      );
    } catch (error) {
      setState({ status: 'error', error: toApiError(error) });
    }
  }, [state, pageSize]);

  return { state, reload, markRead, markAllRead, loadMore };
}
