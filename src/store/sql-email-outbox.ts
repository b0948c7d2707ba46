import { sql, type Kysely } from 'kysely';
import type { DueEmail, EmailOutbox } from '../domain/notifications/notification-ports.ts';
import type { Database } from './database-schema.ts';
import { eventRow } from './entry-rows.ts';

/** The e-mail side of the notifications table: pending rows are those with an `email_due_at`. */
export function createSqlEmailOutbox(db: Kysely<Database>): EmailOutbox {
  return {
    async claimDue(now, leaseUntil, limit) {
      // The recipients with the oldest due e-mails first. Under concurrent claims the outer WHERE is
      // re-checked on the locked row, so a row another deliverer just leased (due later) is skipped.
      const claimed = await db
        .updateTable('notifications')
        .set({ email_due_at: leaseUntil })
        .where('email_due_at', '<=', now)
        .where('recipient_account_id', 'in', (eb) =>
          eb
            .selectFrom('notifications')
            .select('recipient_account_id')
            .where('email_due_at', '<=', now)
            .groupBy('recipient_account_id')
            .orderBy(sql`min(email_due_at)`)
            .limit(limit),
        )
        .returning(['recipient_account_id', 'id', 'title', 'urgency', 'email_attempts', 'created_at'])
        .execute();
      if (claimed.length === 0) return [];
      const recipients = await db
        .selectFrom('accounts as a')
        .leftJoin('notification_settings as s', 's.account_id', 'a.id')
        .select(['a.id', 'a.locale', 's.email_address', 's.detail_level'])
        .where('a.id', 'in', [...new Set(claimed.map((row) => row.recipient_account_id))])
        .execute();
      claimed.sort((a, b) => a.created_at.getTime() - b.created_at.getTime());
      return recipients.map((recipient): DueEmail => ({
        accountId: recipient.id,
        emailAddress: recipient.email_address,
        locale: recipient.locale,
        detailLevel: recipient.detail_level ?? 'minimal',
        items: claimed
          .filter((row) => row.recipient_account_id === recipient.id)
          .map((row) => ({
            id: row.id,
            title: row.title,
            urgency: row.urgency,
            attempts: row.email_attempts,
          })),
      }));
    },

    async markSent(accountId, ids, event) {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('notifications')
          .set((eb) => ({
            email_sent_at: event.occurredAt,
            email_due_at: null,
            email_attempts: eb('email_attempts', '+', 1),
            email_last_error: null,
          }))
          .where('recipient_account_id', '=', accountId)
          .where('id', 'in', ids)
          .execute();
        await trx.insertInto('events').values(eventRow(event)).execute();
      });
    },

    async retryLater(accountId, ids, nextAttemptAt, error) {
      // Rows whose e-mail was cancelled meanwhile (read in the app, e-mail turned off) stay cancelled.
      await db
        .updateTable('notifications')
        .set((eb) => ({
          email_due_at: nextAttemptAt,
          email_attempts: eb('email_attempts', '+', 1),
          email_last_error: error,
        }))
        .where('recipient_account_id', '=', accountId)
        .where('id', 'in', ids)
        .where('email_due_at', 'is not', null)
        .execute();
    },

    async giveUp(accountId, ids, error, event) {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('notifications')
          .set((eb) => ({
            email_due_at: null,
            email_attempts: eb('email_attempts', '+', 1),
            email_last_error: error,
          }))
          .where('recipient_account_id', '=', accountId)
          .where('id', 'in', ids)
          .execute();
        await trx.insertInto('events').values(eventRow(event)).execute();
      });
    },
  };
}
