import { sql, type Kysely } from 'kysely';

/**
 * The FHIR API reads a referral's question or answer, or a task's comment, by its id alone
 * (`Communication/<id>`): these indexes find its referral or task, whose gate then decides, as
 * `documents_by_id` does for documents. Under a distributed database the lookup would fan out to the
 * shards (ADR 0003).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

const STATEMENTS: readonly string[] = [
  `create index referral_messages_by_id on referral_messages (id)`,
  `create index task_comments_by_id on task_comments (id)`,
];
