import { sql, type Kysely } from 'kysely';

/**
 * A problem, treatment, allergy or result is read by its id alone through the FHIR API
 * (`GET /Condition/:id`): the gate needs its patient first. The primary keys lead with patient_id,
 * so each table gets an index on id (not unique: a distributed table cannot enforce it off its key).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['conditions', 'medications', 'allergies', 'results'])
    await sql.raw(`create index ${table}_by_id on ${table} (id)`).execute(db);
}
