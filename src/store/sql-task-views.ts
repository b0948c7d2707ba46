import type { Kysely } from 'kysely';
import type { TaskView } from '../domain/tasks/task-views.ts';
import { activeOn } from './active-care-team.ts';
import type { Database } from './database-schema.ts';
import { TASK_COLUMNS, taskOf } from './task-rows.ts';

/**
 * Tasks with the names around them, as `practitionerId` may see them on `today`: the patient's name
 * only when they are in the patient's active care team.
 */
export function selectTaskViews(db: Kysely<Database>, practitionerId: string, today: string) {
  return db
    .selectFrom('tasks as t')
    .leftJoin('practitioners as assignee', 'assignee.id', 't.assignee_practitioner_id')
    .leftJoin('organizations as service', 'service.id', 't.assignee_organization_id')
    .leftJoin('practitioners as claimer', 'claimer.id', 't.claimed_by')
    .leftJoin('practitioners as closer', 'closer.id', 't.closed_by')
    .leftJoin('accounts as creator_account', 'creator_account.id', 't.created_by_account_id')
    .leftJoin('practitioners as creator', 'creator.id', 'creator_account.practitioner_id')
    .leftJoin('patients as p', (join) =>
      join
        .onRef('p.patient_id', '=', 't.patient_id')
        .on((eb) =>
          eb.exists(
            eb
              .selectFrom('care_team_members as m')
              .select('m.id')
              .whereRef('m.patient_id', '=', 't.patient_id')
              .where('m.practitioner_id', '=', practitionerId)
              .where(activeOn('m', today)),
          ),
        ),
    )
    .select(TASK_COLUMNS.map((column) => `t.${column}` as const))
    .select([
      'assignee.given_name as assignee_given_name',
      'assignee.family_name as assignee_family_name',
      'service.name as service_name',
      'claimer.given_name as claimer_given_name',
      'claimer.family_name as claimer_family_name',
      'closer.given_name as closer_given_name',
      'closer.family_name as closer_family_name',
      'creator.given_name as creator_given_name',
      'creator.family_name as creator_family_name',
      'p.birth_family_name',
      'p.used_family_name',
      'p.first_given_name',
      'p.used_given_name',
    ]);
}

type ViewRow = Awaited<ReturnType<ReturnType<typeof selectTaskViews>['execute']>>[number];

export function taskViewOf(row: ViewRow): TaskView {
  const task = taskOf(row);
  const assigneeName = nameOf(row.assignee_given_name, row.assignee_family_name);
  const family = row.used_family_name ?? row.birth_family_name;
  const given = row.used_given_name ?? row.first_given_name;
  return {
    task,
    assigneeLabel:
      task.assignee.kind === 'care-team-role' ? task.assignee.role : (assigneeName ?? row.service_name ?? ''),
    claimedByName: nameOf(row.claimer_given_name, row.claimer_family_name),
    closedByName: nameOf(row.closer_given_name, row.closer_family_name),
    createdByName: nameOf(row.creator_given_name, row.creator_family_name),
    // French usage: family name in capitals, then the given name.
    patientName: family === null || given === null ? null : `${family.toLocaleUpperCase('fr')} ${given}`,
  };
}

function nameOf(given: string | null, family: string | null): string | null {
  return given === null || family === null ? null : `${given} ${family}`;
}
