import type { DomainEvent } from '../journal/domain-event.ts';
import type { DetailLevel, EmailPlan, NotificationSettings } from './email-preferences.ts';
import type { EmailMessage } from './notification-email.ts';
import type { Notification, Urgency } from './notification.ts';

/** A notification to insert, with the e-mail plan decided for it and the event that records it. */
export interface NewNotification {
  readonly notification: Notification;
  readonly idempotencyKey: string;
  /** `dueAt` is when the e-mail should leave; null when the plan is `none`. */
  readonly email: { readonly plan: EmailPlan; readonly dueAt: Date | null };
  readonly event: DomainEvent;
}

/** Where a page of the inbox ends: unread ones come first, then newest first, ties by id. */
export interface InboxCursor {
  readonly unread: boolean;
  readonly createdAt: Date;
  readonly id: string;
}

/** Port: the in-app notifications of each account. */
export interface NotificationStore {
  /**
   * Inserts the notifications whose (recipient, idempotency key) is new, with their events, in one
   * transaction; returns the ids inserted. Error: `not-found` when a recipient account does not exist.
   */
  insertNew(notifications: readonly NewNotification[]): Promise<ReadonlySet<string>>;
  /** One page of the account's notifications, unread first then newest first, after `after`. */
  inbox(accountId: string, limit: number, after: InboxCursor | null): Promise<Notification[]>;
  countUnread(accountId: string): Promise<number>;
  /**
   * Marks one notification read at the event's time and cancels its e-mail if not sent yet; writes the
   * event only when it was unread. `missing` when the account has no such notification.
   */
  markRead(accountId: string, id: string, event: DomainEvent): Promise<'marked' | 'already-read' | 'missing'>;
  /**
   * Marks every unread notification read (cancelling unsent e-mails); writes the event, with the count
   * added to its payload, only when some were unread. Returns the count.
   */
  markAllRead(accountId: string, event: DomainEvent): Promise<number>;
}

/** Port: the e-mail preferences of each account. */
export interface NotificationSettingsStore {
  /** The saved settings of these accounts; an account that never saved any is absent. */
  settingsOf(accountIds: readonly string[]): Promise<ReadonlyMap<string, NotificationSettings>>;
  /** Saves one account's settings with the event; when asked, cancels its e-mails not sent yet. */
  save(
    accountId: string,
    settings: NotificationSettings,
    event: DomainEvent,
    options: { readonly cancelPendingEmail: boolean },
  ): Promise<void>;
}

/** One recipient's e-mail that is due, with what delivery needs to write and address it. */
export interface DueEmail {
  readonly accountId: string;
  readonly emailAddress: string | null;
  readonly locale: 'fr' | 'en';
  readonly detailLevel: DetailLevel;
  readonly items: readonly {
    readonly id: string;
    readonly title: string;
    readonly urgency: Urgency;
    readonly attempts: number;
  }[];
}

/** Port: the notifications waiting for e-mail, and their delivery state (sent at, attempts, last error). */
export interface EmailOutbox {
  /**
   * Claims the notifications whose e-mail is due at `now`, grouped by recipient, and pushes their due
   * time to `leaseUntil`, so two deliverers never take the same item and a crash mid-send only delays it.
   */
  claimDue(now: Date, leaseUntil: Date, limit: number): Promise<DueEmail[]>;
  /** Records the e-mail as sent, with its event. */
  markSent(accountId: string, ids: readonly string[], event: DomainEvent): Promise<void>;
  /** Records a failed attempt and when to try again. */
  retryLater(accountId: string, ids: readonly string[], nextAttemptAt: Date, error: string): Promise<void>;
  /** Records the last failed attempt: no more tries, with its event. */
  giveUp(accountId: string, ids: readonly string[], error: string, event: DomainEvent): Promise<void>;
}

/** Port: sends one e-mail (SMTP in production). Rejects when the server does not accept it. */
export interface Mailer {
  send(message: EmailMessage): Promise<void>;
}
