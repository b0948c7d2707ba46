import { sql, type Kysely } from 'kysely';

/**
 * The FHIR API reads a document, an appointment or a stay by its id alone (`DocumentReference/<id>`):
 * these indexes find its patient, whose gate then decides, as `referrals_by_id` does for referrals.
 * Under a distributed database the lookup would fan out to the shards (ADR 0003).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

const STATEMENTS: readonly string[] = [
  `create index documents_by_id on documents (id)`,
  `create index appointments_by_id on appointments (id)`,
  `create index stays_by_id on stays (id)`,
];
