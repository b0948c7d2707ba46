import { sql, type Kysely } from 'kysely';

/**
 * A comment on a patient's task is that patient's data: it carries the task's `patient_id`, like every
 * patient-scoped table, so the patient's export finds it and the table can be distributed by patient.
 * Null for a task about no patient.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

const STATEMENTS: readonly string[] = [
  `alter table task_comments add column patient_id uuid references patients (patient_id)`,
  `update task_comments c set patient_id = t.patient_id from tasks t where t.id = c.task_id`,
  `create index task_comments_patient on task_comments (patient_id) where patient_id is not null`,
];
