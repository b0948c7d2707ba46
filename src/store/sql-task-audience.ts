import { sql, type Kysely } from 'kysely';
import type { TaskAudience } from '../domain/notifications/task-notices.ts';
import { isoDate } from '../domain/shared/clock.ts';
import { activeOn, noObjectionTo } from './active-care-team.ts';
import type { Database } from './database-schema.ts';
import { categoryShownTo, TASK_CATEGORY } from './hidden-categories.ts';

/**
 * Who must act on each task now: the accounts of the assigned practitioner, of the role holders in
 * the patient's active care team, or of the assigned service's members, but none the patient objects
 * to or restricted the task's category from. Tasks that no longer exist are left out; a task with
 * nobody to act on it comes back with no accounts.
 */
export async function loadTaskAudiences(
  db: Kysely<Database>,
  taskIds: readonly string[],
  on: Date,
): Promise<TaskAudience[]> {
  if (taskIds.length === 0) return [];
  const today = isoDate(on);
  const tasks = await db
    .selectFrom('tasks')
    .select(['id', 'patient_id', 'priority'])
    .where('id', 'in', taskIds)
    .execute();
  const accounts = await db
    .selectFrom('tasks as t')
    .innerJoin('accounts as a', (join) =>
      join.on((eb) =>
        eb.or([
          eb.and([
            eb('t.assignee_kind', '=', 'practitioner'),
            eb('a.practitioner_id', '=', eb.ref('t.assignee_practitioner_id')),
          ]),
          eb.and([
            eb('t.assignee_kind', '=', 'service'),
            eb(
              'a.practitioner_id',
              'in',
              eb
                .selectFrom('practitioners as p')
                .select('p.id')
                .whereRef('p.organization_id', '=', 't.assignee_organization_id'),
            ),
          ]),
          eb.and([
            eb('t.assignee_kind', '=', 'care-team-role'),
            eb(
              'a.practitioner_id',
              'in',
              eb
                .selectFrom('care_team_members as m')
                .select('m.practitioner_id')
                .whereRef('m.patient_id', '=', 't.patient_id')
                .whereRef('m.role', '=', 't.assignee_role')
                .where(activeOn('m', today)),
            ),
          ]),
        ]),
      ),
    )
    .select(['t.id as task_id', 'a.id as account_id'])
    .where('t.id', 'in', taskIds)
    .where('a.practitioner_id', 'is not', null)
    .where(noObjectionTo('t.patient_id', { column: 'a.practitioner_id' }))
    .where(categoryShownTo(sql.ref('t.patient_id'), TASK_CATEGORY, sql.ref('a.practitioner_id')))
    .execute();
  return tasks.map((task) => ({
    taskId: task.id,
    patientId: task.patient_id,
    priority: task.priority,
    accountIds: accounts.filter((row) => row.task_id === task.id).map((row) => row.account_id),
  }));
}
