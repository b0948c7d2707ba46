import type { EventType, DomainEvent } from '../journal/domain-event.ts';
import type { LivePublisher } from '../live/live-channel.ts';
import { DomainError } from '../shared/domain-error.ts';
import type { Clock } from '../shared/clock.ts';
import { isUuid, type NewId } from '../shared/new-id.ts';
import { nextDigestAt } from './digest-schedule.ts';
import {
  DEFAULT_SETTINGS,
  emailPlanOf,
  stopsAllEmail,
  validateSettings,
  type NotificationSettings,
} from './email-preferences.ts';
import { decodeInboxCursor, encodeInboxCursor } from './inbox-cursor.ts';
import type { NewNotification, NotificationSettingsStore, NotificationStore } from './notification-ports.ts';
import { validateNotificationRequest, type Notification, type NotificationRequest } from './notification.ts';

export const INBOX_PAGE_MAX = 100;

/** The live message types this context pushes (SSE event names). */
export const LIVE_NOTIFICATION = 'notification';
export const LIVE_NOTIFICATIONS_READ = 'notifications-read';

/** A page of the inbox and the cursor of the next one (null on the last page). */
export interface InboxPage {
  readonly items: readonly Notification[];
  readonly nextCursor: string | null;
}

/** An account's settings as the settings page shows them, with what the server allows. */
export interface SettingsView extends NotificationSettings {
  /** False when the server has no SMTP configured: no e-mail is sent whatever the settings. */
  readonly emailEnabled: boolean;
  /** The zone of the digest hour. */
  readonly timeZone: string;
}

/** In-app notifications and e-mail preferences. The e-mail plan is decided here, when a notification is created. */
export function createNotificationService(deps: {
  store: NotificationStore;
  settings: NotificationSettingsStore;
  live: LivePublisher;
  clock: Clock;
  newId: NewId;
  email: { readonly enabled: boolean; readonly timeZone: string };
}) {
  const { store, settings, live, clock, newId, email } = deps;

  const eventOf = (
    type: EventType,
    actorAccountId: string | null,
    payload: DomainEvent['payload'],
    occurredAt: Date = clock(),
  ): DomainEvent =>
    // No patient_id: notifications belong to their recipient, and stay out of the patient's timeline.
    ({ id: newId(), type, patientId: null, actorAccountId, occurredAt, payload });

  const savedOrDefault = async (accountId: string): Promise<NotificationSettings> =>
    (await settings.settingsOf([accountId])).get(accountId) ?? DEFAULT_SETTINGS;

  return {
    /**
     * Creates notifications (for other contexts and jobs) and pushes each new one live to its recipient.
     * A request whose idempotency key its recipient already has creates nothing. Returns those created.
     * Errors: `invalid-input`, `not-found` (no such recipient account); all or nothing.
     */
    async notify(requests: readonly NotificationRequest[]): Promise<Notification[]> {
      for (const request of requests) validateNotificationRequest(request);
      if (requests.length === 0) return [];
      const now = clock();
      const saved = await settings.settingsOf([...new Set(requests.map((r) => r.recipientAccountId))]);
      const candidates = requests.map((request): NewNotification => {
        const notification: Notification = {
          id: newId(),
          recipientAccountId: request.recipientAccountId,
          kind: request.kind,
          urgency: request.urgency,
          patientId: request.patientId,
          link: request.link,
          title: request.title.trim(),
          body: request.body.trim(),
          createdAt: now,
          readAt: null,
        };
        const preferences = saved.get(request.recipientAccountId) ?? DEFAULT_SETTINGS;
        const plan = email.enabled ? emailPlanOf(preferences, request.urgency) : 'none';
        const dueAt =
          plan === 'immediate'
            ? now
            : plan === 'digest'
              ? nextDigestAt(now, preferences.digestHour, email.timeZone)
              : null;
        return {
          notification,
          idempotencyKey: request.idempotencyKey,
          email: { plan, dueAt },
          event: eventOf(
            'notification.created',
            null,
            {
              notificationId: notification.id,
              recipientAccountId: notification.recipientAccountId,
              kind: notification.kind,
              urgency: notification.urgency,
              emailPlan: plan,
            },
            now,
          ),
        };
      });
      const inserted = await store.insertNew(candidates);
      const created = candidates.map((c) => c.notification).filter((n) => inserted.has(n.id));
      for (const { recipientAccountId, ...view } of created) {
        live.publish([recipientAccountId], { type: LIVE_NOTIFICATION, data: view });
      }
      return created;
    },

    /** The account's notifications, unread first, newest first. Error: `invalid-input` (limit, cursor). */
    async inbox(accountId: string, page: { limit: number; cursor: string | null }): Promise<InboxPage> {
      if (!Number.isInteger(page.limit) || page.limit < 1 || page.limit > INBOX_PAGE_MAX)
        throw new DomainError('invalid-input', `limit must be a whole number from 1 to ${INBOX_PAGE_MAX}`);
      const after = page.cursor === null ? null : decodeInboxCursor(page.cursor);
      const rows = await store.inbox(accountId, page.limit + 1, after);
      const items = rows.slice(0, page.limit);
      const last = items.at(-1);
      const more = rows.length > page.limit && last !== undefined;
      return {
        items,
        nextCursor: more
          ? encodeInboxCursor({ unread: last.readAt === null, createdAt: last.createdAt, id: last.id })
          : null,
      };
    },

    countUnread(accountId: string): Promise<number> {
      return store.countUnread(accountId);
    },

    /** Marks one of my notifications read (again is fine). Error: `not-found` when it is not mine. */
    async markRead(accountId: string, notificationId: string): Promise<void> {
      const missing = new DomainError('not-found', `no notification with id ${notificationId}`);
      if (!isUuid(notificationId)) throw missing;
      const event = eventOf('notification.read', accountId, { notificationId });
      const outcome = await store.markRead(accountId, notificationId, event);
      if (outcome === 'missing') throw missing;
      // Other open tabs of the same account update their counts.
      if (outcome === 'marked')
        live.publish([accountId], { type: LIVE_NOTIFICATIONS_READ, data: { notificationId } });
    },

    /** Marks all my notifications read; returns how many were unread. */
    async markAllRead(accountId: string): Promise<number> {
      // notificationId null: every unread one at once.
      const event = eventOf('notification.read', accountId, { notificationId: null });
      const count = await store.markAllRead(accountId, event);
      if (count > 0)
        live.publish([accountId], { type: LIVE_NOTIFICATIONS_READ, data: { notificationId: null } });
      return count;
    },

    /** My e-mail preferences (the defaults until I save some). */
    async settingsOf(accountId: string): Promise<SettingsView> {
      return { ...(await savedOrDefault(accountId)), emailEnabled: email.enabled, timeZone: email.timeZone };
    },

    /**
     * Saves my e-mail preferences; they apply to notifications created from now on, except that turning
     * e-mail off (or removing the address) also cancels the e-mails not sent yet. Error: `invalid-input`.
     */
    async saveSettings(accountId: string, input: NotificationSettings): Promise<SettingsView> {
      const valid = validateSettings(input);
      const event = eventOf('notification-settings.changed', accountId, {
        emailMode: valid.emailMode,
        digestHour: valid.digestHour,
        detailLevel: valid.detailLevel,
        emailAddressSet: valid.emailAddress !== null,
      });
      await settings.save(accountId, valid, event, { cancelPendingEmail: stopsAllEmail(valid) });
      return { ...valid, emailEnabled: email.enabled, timeZone: email.timeZone };
    },
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;
