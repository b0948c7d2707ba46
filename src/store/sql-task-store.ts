import type { Insertable, Kysely } from 'kysely';
import type { TaskStore } from '../domain/tasks/task-ports.ts';
import type { Database, TasksTable } from './database-schema.ts';
import { preparedOnceForRows } from './prepared-once.ts';
import { TASK_COLUMNS, taskOf, taskRow, taskStateRow } from './task-rows.ts';
import { eventRow } from './entry-rows.ts';
import { inOneStatement, insertEvents, inTransaction } from './write-transaction.ts';

/** Writes tasks, their comments and their journal events, one transaction per call. */
export function createSqlTaskStore(db: Kysely<Database>): TaskStore {
  // Every task created by hand runs it: built, compiled and prepared once, not at each creation.
  const insertWithEvent = preparedOnceForRows(
    'task-insert',
    (task: Insertable<TasksTable>, event: Insertable<Database['events']>) =>
      db
        .with('task', (db) => db.insertInto('tasks').values(task))
        .insertInto('events')
        .values(event)
        .compile(),
  );
  return {
    async insert(task, event) {
      await inOneStatement(db, (db) => db.executeQuery(insertWithEvent(taskRow(task), eventRow(event))));
    },

    async insertIdempotent(entries) {
      if (entries.length === 0) return [];
      return inTransaction(db, async (trx) => {
        // A key already stored (or repeated in this batch) inserts nothing; concurrent callers with the
        // same key wait for the first one's commit, then see its row.
        const inserted = await trx
          .insertInto('tasks')
          .values(entries.map(({ task }) => taskRow(task)))
          .onConflict((conflict) => conflict.column('idempotency_key').doNothing())
          .returning('id')
          .execute();
        const created = new Set(inserted.map((row) => row.id));
        await insertEvents(
          trx,
          entries.filter(({ task }) => created.has(task.id)).map(({ event }) => event),
        );
        const keys = entries.flatMap(({ task }) =>
          task.idempotencyKey === null ? [] : [task.idempotencyKey],
        );
        const stored = await trx
          .selectFrom('tasks')
          .select(['id', 'idempotency_key'])
          .where('idempotency_key', 'in', keys)
          .execute();
        const idOfKey = new Map(stored.map((row) => [row.idempotency_key, row.id]));
        return entries.map(({ task }) => {
          const id = idOfKey.get(task.idempotencyKey) ?? task.id;
          return { id, created: id === task.id && created.has(id) };
        });
      });
    },

    async find(taskId) {
      const row = await db
        .selectFrom('tasks')
        .select(TASK_COLUMNS)
        .where('id', '=', taskId)
        .executeTakeFirst();
      return row === undefined ? undefined : taskOf(row);
    },

    async openByOrigin(kind, ref) {
      const rows = await db
        .selectFrom('tasks')
        .select(TASK_COLUMNS)
        .where('origin_kind', '=', kind)
        .where('origin_ref', '=', ref)
        .where('status', 'in', ['todo', 'in_progress'])
        .execute();
      return rows.map(taskOf);
    },

    async saveChange(task, event) {
      return inTransaction(db, async (trx) => {
        const result = await trx
          .updateTable('tasks')
          .set({ ...taskStateRow(task), version: task.version + 1 })
          .where('id', '=', task.id)
          .where('version', '=', task.version)
          .executeTakeFirst();
        if (result.numUpdatedRows === 0n) return false;
        await insertEvents(trx, [event]);
        return true;
      });
    },

    async addComment(comment, event) {
      await inTransaction(db, async (trx) => {
        await trx
          .insertInto('task_comments')
          .columns(['task_id', 'id', 'patient_id', 'author_practitioner_id', 'body', 'created_at'])
          .expression(
            trx
              .selectFrom('tasks')
              .select((eb) => [
                'id as task_id',
                // Typed: a bare parameter in a select list would be text, not the column's type.
                eb.cast<string>(eb.val(comment.id), 'uuid').as('id'),
                'patient_id',
                eb.cast<string>(eb.val(comment.authorPractitionerId), 'uuid').as('author_practitioner_id'),
                eb.cast<string>(eb.val(comment.text), 'text').as('body'),
                eb.cast<Date>(eb.val(comment.at), 'timestamptz').as('created_at'),
              ])
              .where('id', '=', comment.taskId),
          )
          .execute();
        await insertEvents(trx, [event]);
      });
    },
  };
}
