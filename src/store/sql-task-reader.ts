import type { Kysely } from 'kysely';
import { isoDate } from '../domain/shared/clock.ts';
import type { TaskReader } from '../domain/tasks/task-ports.ts';
import { MAX_PATIENT_TASKS, MAX_WORKLIST_LIMIT } from '../domain/tasks/worklist.ts';
import type { Database } from './database-schema.ts';
import { notHidden, TASK_CATEGORY } from './hidden-categories.ts';
import { countWorklist, worklistQuery } from './sql-task-worklist.ts';
import { selectTaskViews, taskViewOf } from './sql-task-views.ts';

/** Reads tasks for display: one task, a patient's open tasks, worklists and their counts. */
export function createSqlTaskReader(db: Kysely<Database>): TaskReader {
  return {
    async commentTask(commentId) {
      const row = await db
        .selectFrom('task_comments')
        .select('task_id')
        .where('id', '=', commentId)
        .executeTakeFirst();
      return row?.task_id;
    },

    async detail(taskId, practitionerId, on) {
      const [row, comments] = await Promise.all([
        selectTaskViews(db, practitionerId, isoDate(on)).where('t.id', '=', taskId).executeTakeFirst(),
        db
          .selectFrom('task_comments as c')
          .innerJoin('practitioners as author', 'author.id', 'c.author_practitioner_id')
          .select([
            'c.id',
            'c.author_practitioner_id',
            'c.body',
            'c.created_at',
            'author.given_name',
            'author.family_name',
          ])
          .where('c.task_id', '=', taskId)
          .orderBy('c.created_at')
          .orderBy('c.id')
          .execute(),
      ]);
      if (row === undefined) return undefined;
      return {
        ...taskViewOf(row),
        comments: comments.map((c) => ({
          id: c.id,
          authorPractitionerId: c.author_practitioner_id,
          authorName: `${c.given_name} ${c.family_name}`,
          text: c.body,
          at: c.created_at,
        })),
      };
    },

    async patientTasks(scope, practitionerId, on, which) {
      const patientTasks = selectTaskViews(db, practitionerId, isoDate(on))
        .where('t.patient_id', '=', scope.patientId)
        .where(notHidden(TASK_CATEGORY, scope.hiddenCategories));
      const rows = await (
        which === 'open'
          ? patientTasks
              .where('t.status', 'in', ['todo', 'in_progress'])
              .orderBy('t.due_sort')
              .orderBy('t.priority_rank')
              .orderBy('t.id')
              .limit(MAX_WORKLIST_LIMIT)
          : patientTasks.orderBy('t.created_at', 'desc').orderBy('t.id').limit(MAX_PATIENT_TASKS)
      ).execute();
      return rows.map(taskViewOf);
    },

    async worklist(practitionerId, query, on) {
      const page = await worklistQuery(
        db,
        practitionerId,
        { filters: query.filters, after: query.after, dueBefore: null, perSource: query.limit + 1 },
        on,
      );
      if (page === undefined) return [];
      const rows = await selectTaskViews(db, practitionerId, isoDate(on))
        .innerJoin(page.as('w'), 'w.id', 't.id')
        .select('w.via')
        .orderBy('t.due_sort')
        .orderBy('t.priority_rank')
        .orderBy('t.id')
        .execute();
      return rows.map((row) => ({ ...taskViewOf(row), via: row.via }));
    },

    countDueBefore(practitionerId, before, cap, on) {
      return countWorklist(
        db,
        practitionerId,
        { filters: {}, after: null, dueBefore: before, perSource: cap + 1 },
        on,
      );
    },
  };
}
