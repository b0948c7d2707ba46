import type { DomainEvent, EventType } from '../journal/domain-event.ts';
import type { Clock } from '../shared/clock.ts';
import type { NewId } from '../shared/new-id.ts';
import { MAX_EMAIL_ATTEMPTS, retryDelayMs } from './email-retry.ts';
import { composeNotificationEmail } from './notification-email.ts';
import type { DueEmail, EmailOutbox, Mailer } from './notification-ports.ts';

/** How long a claimed e-mail stays with its deliverer before another may take it (a crash, a hang). */
export const EMAIL_LEASE_MS = 5 * 60_000;
/** Recipients served per run; the next run takes the rest. */
export const EMAIL_BATCH = 100;

/** What one run did, counted in e-mails (one per recipient). */
export interface DeliveryReport {
  sent: number;
  retried: number;
  abandoned: number;
}

/**
 * Delivers the e-mails that are due. It decides nothing: which notifications go by e-mail and when was
 * decided when they were created; here they are only written, sent, and retried with backoff. Delivery
 * is at least once: a crash between the SMTP answer and the write sends that e-mail again.
 */
export function createEmailDelivery(deps: {
  outbox: EmailOutbox;
  mailer: Mailer;
  clock: Clock;
  newId: NewId;
  /** The app's public address, for the links in the e-mail. */
  publicUrl: string;
}) {
  const { outbox, mailer, clock, newId } = deps;
  const inboxUrl = new URL('/notifications', deps.publicUrl).href;
  const settingsUrl = new URL('/notifications/settings', deps.publicUrl).href;

  const eventOf = (type: EventType, payload: DomainEvent['payload']): DomainEvent => ({
    id: newId(),
    type,
    patientId: null,
    actorAccountId: null,
    occurredAt: clock(),
    payload,
  });

  async function deliver(due: DueEmail): Promise<keyof DeliveryReport> {
    const ids = due.items.map((item) => item.id);
    const summary = { recipientAccountId: due.accountId, count: ids.length };
    if (due.emailAddress === null) {
      // The address was removed after the claim: nothing to send to.
      await outbox.giveUp(
        due.accountId,
        ids,
        'no e-mail address',
        eventOf('notification.email-failed', summary),
      );
      return 'abandoned';
    }
    const message = composeNotificationEmail({
      to: due.emailAddress,
      locale: due.locale,
      detailLevel: due.detailLevel,
      items: due.items,
      inboxUrl,
      settingsUrl,
    });
    try {
      await mailer.send(message);
    } catch (error) {
      const attempts = Math.max(...due.items.map((item) => item.attempts)) + 1;
      const reason = errorText(error);
      if (attempts >= MAX_EMAIL_ATTEMPTS) {
        await outbox.giveUp(due.accountId, ids, reason, eventOf('notification.email-failed', summary));
        return 'abandoned';
      }
      await outbox.retryLater(
        due.accountId,
        ids,
        new Date(clock().getTime() + retryDelayMs(attempts)),
        reason,
      );
      return 'retried';
    }
    await outbox.markSent(due.accountId, ids, eventOf('notification.emailed', summary));
    return 'sent';
  }

  return {
    /** Sends every e-mail due now, one per recipient, and records each outcome. */
    async deliverDue(): Promise<DeliveryReport> {
      const now = clock();
      const due = await outbox.claimDue(now, new Date(now.getTime() + EMAIL_LEASE_MS), EMAIL_BATCH);
      const report: DeliveryReport = { sent: 0, retried: 0, abandoned: 0 };
      for (const email of due) report[await deliver(email)] += 1;
      return report;
    },
  };
}

export type EmailDelivery = ReturnType<typeof createEmailDelivery>;

/** An SMTP failure as one short line for the delivery state (it names servers and codes, no patient data). */
function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, ' ').slice(0, 500);
}
