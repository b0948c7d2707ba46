import { sql, type Kysely, type Selectable } from 'kysely';
import type { NewNotification, NotificationStore } from '../domain/notifications/notification-ports.ts';
import type { Notification } from '../domain/notifications/notification.ts';
import { translateConstraintError } from './constraint-errors.ts';
import type { Database, NotificationsTable } from './database-schema.ts';
import { eventRow } from './entry-rows.ts';

// 16 columns a row: well under PostgreSQL's 65,535 bind parameters per statement.
const INSERT_CHUNK = 2000;
// Unread rows sort first: false < true.
const READ_BUCKET = sql<boolean>`(read_at is not null)`;

/** Notifications by recipient; each write and its journal events in one transaction. */
export function createSqlNotificationStore(db: Kysely<Database>): NotificationStore {
  return {
    async insertNew(notifications: readonly NewNotification[]) {
      if (notifications.length === 0) return new Set<string>();
      try {
        return await db.transaction().execute(async (trx) => {
          const inserted = new Set<string>();
          for (let start = 0; start < notifications.length; start += INSERT_CHUNK) {
            const rows = await trx
              .insertInto('notifications')
              .values(notifications.slice(start, start + INSERT_CHUNK).map(rowOf))
              .onConflict((conflict) =>
                conflict.columns(['recipient_account_id', 'idempotency_key']).doNothing(),
              )
              .returning('id')
              .execute();
            for (const row of rows) inserted.add(row.id);
          }
          const events = notifications.filter((n) => inserted.has(n.notification.id)).map((n) => n.event);
          for (let start = 0; start < events.length; start += INSERT_CHUNK) {
            await trx
              .insertInto('events')
              .values(events.slice(start, start + INSERT_CHUNK).map(eventRow))
              .execute();
          }
          return inserted;
        });
      } catch (error) {
        throw translateConstraintError(error) ?? error;
      }
    },

    async inbox(accountId, limit, after) {
      let query = db
        .selectFrom('notifications')
        .selectAll()
        .where('recipient_account_id', '=', accountId)
        .orderBy(READ_BUCKET)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit);
      if (after !== null) {
        const bucket = !after.unread;
        query = query.where(
          sql<boolean>`(${READ_BUCKET} > ${bucket} or (${READ_BUCKET} = ${bucket}
            and (created_at, id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)))`,
        );
      }
      return (await query.execute()).map(notificationOf);
    },

    async countUnread(accountId) {
      const row = await db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .where('recipient_account_id', '=', accountId)
        .where('read_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },

    async markRead(accountId, id, event) {
      return db.transaction().execute(async (trx) => {
        const marked = await trx
          .updateTable('notifications')
          // Read in the app: an e-mail not sent yet would only repeat it.
          .set({ read_at: event.occurredAt, email_due_at: null })
          .where('recipient_account_id', '=', accountId)
          .where('id', '=', id)
          .where('read_at', 'is', null)
          .returning('id')
          .executeTakeFirst();
        if (marked !== undefined) {
          await trx.insertInto('events').values(eventRow(event)).execute();
          return 'marked';
        }
        const exists = await trx
          .selectFrom('notifications')
          .select('id')
          .where('recipient_account_id', '=', accountId)
          .where('id', '=', id)
          .executeTakeFirst();
        return exists === undefined ? 'missing' : 'already-read';
      });
    },

    async markAllRead(accountId, event) {
      return db.transaction().execute(async (trx) => {
        const marked = await trx
          .updateTable('notifications')
          .set({ read_at: event.occurredAt, email_due_at: null })
          .where('recipient_account_id', '=', accountId)
          .where('read_at', 'is', null)
          .returning('id')
          .execute();
        if (marked.length > 0) {
          await trx
            .insertInto('events')
            .values(eventRow({ ...event, payload: { ...event.payload, count: marked.length } }))
            .execute();
        }
        return marked.length;
      });
    },
  };
}

function rowOf({ notification: n, idempotencyKey, email }: NewNotification) {
  return {
    recipient_account_id: n.recipientAccountId,
    id: n.id,
    idempotency_key: idempotencyKey,
    kind: n.kind,
    urgency: n.urgency,
    patient_id: n.patientId,
    link: n.link,
    title: n.title,
    body: n.body,
    created_at: n.createdAt,
    read_at: n.readAt,
    email_plan: email.plan,
    email_due_at: email.dueAt,
  };
}

function notificationOf(row: Selectable<NotificationsTable>): Notification {
  return {
    id: row.id,
    recipientAccountId: row.recipient_account_id,
    kind: row.kind,
    urgency: row.urgency,
    patientId: row.patient_id,
    link: row.link,
    title: row.title,
    body: row.body,
    createdAt: row.created_at,
    readAt: row.read_at,
  };
}
