import { randomUUID } from 'node:crypto';
import type { NotificationRequest } from '../../src/domain/notifications/notification.ts';

/** A valid notification request for an account, with overrides; a fresh idempotency key each call. */
export function notificationRequest(
  recipientAccountId: string,
  overrides: Partial<NotificationRequest> = {},
): NotificationRequest {
  return {
    idempotencyKey: `test:${randomUUID()}`,
    recipientAccountId,
    kind: 'task-assigned',
    urgency: 'normal',
    patientId: null,
    link: '/patients',
    title: 'Nouvelle tâche : rappeler le patient',
    body: 'Une tâche vous a été attribuée.',
    ...overrides,
  };
}
