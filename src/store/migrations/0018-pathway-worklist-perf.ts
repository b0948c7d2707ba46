import { sql, type Kysely } from 'kysely';

/**
 * A caseload (the pathway worklist, the task worklist) is the practitioner's care-team rows in some
 * roles that are active today. The index on (practitioner_id, role, patient_id) now carries the
 * membership's dates, so a caseload is read from the index alone instead of visiting a table page per
 * membership (a GP has thousands of patients). It replaces the index of 0002 under the same name, so
 * a care-team row costs no more index writes than before.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

const STATEMENTS: readonly string[] = [
  `
  create index care_team_members_practitioner_role_dates on care_team_members (practitioner_id, role, patient_id)
    include (started_on, ended_on)
  `,
  `drop index care_team_members_practitioner_role`,
  `alter index care_team_members_practitioner_role_dates rename to care_team_members_practitioner_role`,
];
