import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import type { Notification } from '../../domain/notifications/notification.ts';
import type { NotificationService } from '../../domain/notifications/notification-service.ts';
import { NoContent } from '../../contracts/common-contracts.ts';
import {
  NotificationIdParams,
  NotificationListQuery,
  NotificationPage,
  NotificationSettingsInput,
  NotificationSettingsView,
  UnreadCount,
} from '../../contracts/notification-contracts.ts';
import { principalOf } from '../authentication.ts';
import { problemResponses } from '../openapi.ts';

const DEFAULT_PAGE = 20;

/** My notifications (list, unread count, mark read) and my e-mail preferences. */
export const notificationRoutes: FastifyPluginCallbackTypebox<{ notifications: NotificationService }> = (
  app,
  { notifications },
  done,
) => {
  const tags = ['notifications'];

  app.get(
    '/api/notifications',
    {
      schema: {
        tags,
        summary: 'My notifications, unread first, newest first (paginated)',
        querystring: NotificationListQuery,
        response: { 200: NotificationPage, ...problemResponses(400, 401) },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const page = await notifications.inbox(principalOf(request).accountId, {
        limit: limit === undefined ? DEFAULT_PAGE : Number(limit),
        cursor: cursor ?? null,
      });
      return { items: page.items.map(present), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/notifications/unread-count',
    {
      schema: {
        tags,
        summary: 'How many of my notifications are unread',
        response: { 200: UnreadCount, ...problemResponses(401) },
      },
    },
    async (request) => ({ count: await notifications.countUnread(principalOf(request).accountId) }),
  );

  app.post(
    '/api/notifications/:notificationId/read',
    {
      schema: {
        tags,
        summary: 'Mark one of my notifications read',
        params: NotificationIdParams,
        response: { 204: NoContent, ...problemResponses(400, 401, 404) },
      },
    },
    async (request, reply) => {
      await notifications.markRead(principalOf(request).accountId, request.params.notificationId);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/notifications/read-all',
    {
      schema: {
        tags,
        summary: 'Mark all my notifications read; returns how many were unread',
        response: { 200: UnreadCount, ...problemResponses(401) },
      },
    },
    async (request) => ({ count: await notifications.markAllRead(principalOf(request).accountId) }),
  );

  app.get(
    '/api/me/notification-settings',
    {
      schema: {
        tags,
        summary: 'My e-mail preferences for notifications',
        response: { 200: NotificationSettingsView, ...problemResponses(401) },
      },
    },
    (request) => notifications.settingsOf(principalOf(request).accountId),
  );

  app.put(
    '/api/me/notification-settings',
    {
      schema: {
        tags,
        summary: 'Save my e-mail preferences (turning e-mail off cancels e-mails not sent yet)',
        body: NotificationSettingsInput,
        response: { 200: NotificationSettingsView, ...problemResponses(400, 401) },
      },
    },
    (request) => notifications.saveSettings(principalOf(request).accountId, request.body),
  );
  done();
};

function present(notification: Notification) {
  return {
    id: notification.id,
    kind: notification.kind,
    urgency: notification.urgency,
    patientId: notification.patientId,
    link: notification.link,
    title: notification.title,
    body: notification.body,
    createdAt: notification.createdAt.toISOString(),
    readAt: notification.readAt?.toISOString() ?? null,
  };
}
