import { sql, type Kysely } from 'kysely';
import type { TaskView } from '../domain/tasks/task-views.ts';
import { inCareTeam } from './active-care-team.ts';
import type { Database } from './database-schema.ts';
import { TASK_COLUMNS, taskOf } from './task-rows.ts';

/** "Given Family" of the practitioner whose id is in `column`, as a scalar subquery (null when none). */
export const practitionerName = (column: string) =>
  sql<
    string | null
  >`(select p.given_name || ' ' || p.family_name from practitioners p where p.id = ${sql.ref(column)})`;

/**
 * Tasks with the names around them, as `practitionerId` may see them on `today`: the patient's name
 * only when they are in the patient's active care team. Names are scalar subqueries and the patient a
 * lateral lookup, so a page of tasks costs a few index probes per row and little planning.
 */
export function selectTaskViews(db: Kysely<Database>, practitionerId: string, today: string) {
  return db
    .selectFrom('tasks as t')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('patients as p')
          .select(['p.birth_family_name', 'p.used_family_name', 'p.first_given_name', 'p.used_given_name'])
          .whereRef('p.patient_id', '=', 't.patient_id')
          .where(inCareTeam(practitionerId, 'p.patient_id', today))
          .as('p'),
      (join) => join.onTrue(),
    )
    .select(TASK_COLUMNS.map((column) => `t.${column}` as const))
    .select([
      practitionerName('t.assignee_practitioner_id').as('assignee_name'),
      sql<string | null>`(select o.name from organizations o where o.id = t.assignee_organization_id)`.as(
        'service_name',
      ),
      practitionerName('t.claimed_by').as('claimer_name'),
      practitionerName('t.closed_by').as('closer_name'),
      sql<string | null>`(select p.given_name || ' ' || p.family_name from accounts a
        join practitioners p on p.id = a.practitioner_id where a.id = t.created_by_account_id)`.as(
        'creator_name',
      ),
      'p.birth_family_name',
      'p.used_family_name',
      'p.first_given_name',
      'p.used_given_name',
    ]);
}

type ViewRow = Awaited<ReturnType<ReturnType<typeof selectTaskViews>['execute']>>[number];

export function taskViewOf(row: ViewRow): TaskView {
  const task = taskOf(row);
  const family = row.used_family_name ?? row.birth_family_name;
  const given = row.used_given_name ?? row.first_given_name;
  return {
    task,
    assigneeLabel:
      task.assignee.kind === 'care-team-role'
        ? task.assignee.role
        : (row.assignee_name ?? row.service_name ?? ''),
    claimedByName: row.claimer_name,
    closedByName: row.closer_name,
    createdByName: row.creator_name,
    // French usage: family name in capitals, then the given name.
    patientName: family === null || given === null ? null : `${family.toLocaleUpperCase('fr')} ${given}`,
  };
}
