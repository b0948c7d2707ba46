import { sql, type Kysely } from 'kysely';

/**
 * The objections in force by the practitioner or organisation they name (issue 9): a patient search
 * reads the patients objecting to the searching practitioner as one set, and these indexes find them
 * without reading every patient's choices.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

const STATEMENTS: readonly string[] = [
  `create index sharing_choices_objections_by_practitioner on sharing_choices (practitioner_id)
     where kind = 'objection' and withdrawn_at is null`,
  `create index sharing_choices_objections_by_organization on sharing_choices (organization_id)
     where kind = 'objection' and withdrawn_at is null`,
];
