import { sql, type Kysely } from 'kysely';

/**
 * A pathway enrolment or a sharing choice is read by its id alone through the FHIR API
 * (`GET /CarePlan/:id`, `GET /Consent/:id`): the gate needs its patient first. The primary keys lead
 * with patient_id, so each table gets an index on id (not unique: a distributed table cannot enforce
 * it off its key).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['pathway_enrolments', 'sharing_choices'])
    await sql.raw(`create index ${table}_by_id on ${table} (id)`).execute(db);
}
