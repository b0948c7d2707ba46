import type { Kysely } from 'kysely';
import type { NotificationSettingsStore } from '../domain/notifications/notification-ports.ts';
import { translateConstraintError } from './constraint-errors.ts';
import type { Database } from './database-schema.ts';
import { eventRow } from './entry-rows.ts';

/** E-mail preferences, one row per account that saved some. */
export function createSqlNotificationSettingsStore(db: Kysely<Database>): NotificationSettingsStore {
  return {
    async settingsOf(accountIds) {
      if (accountIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('notification_settings')
        .selectAll()
        .where('account_id', 'in', accountIds)
        .execute();
      return new Map(
        rows.map((row) => [
          row.account_id,
          {
            emailAddress: row.email_address,
            emailMode: row.email_mode,
            digestHour: row.digest_hour,
            detailLevel: row.detail_level,
          },
        ]),
      );
    },

    async save(accountId, settings, event, options) {
      const values = {
        email_address: settings.emailAddress,
        email_mode: settings.emailMode,
        digest_hour: settings.digestHour,
        detail_level: settings.detailLevel,
        updated_at: event.occurredAt,
      };
      try {
        await db.transaction().execute(async (trx) => {
          await trx
            .insertInto('notification_settings')
            .values({ account_id: accountId, ...values })
            .onConflict((conflict) => conflict.column('account_id').doUpdateSet(values))
            .execute();
          await trx.insertInto('events').values(eventRow(event)).execute();
          if (options.cancelPendingEmail) {
            await trx
              .updateTable('notifications')
              .set({ email_due_at: null })
              .where('recipient_account_id', '=', accountId)
              .where('email_due_at', 'is not', null)
              .execute();
          }
        });
      } catch (error) {
        throw translateConstraintError(error) ?? error;
      }
    },
  };
}
