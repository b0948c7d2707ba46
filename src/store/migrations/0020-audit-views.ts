import { sql, type Kysely } from 'kysely';

/**
 * The DPO filters the audit trail by period: an index on the time of each entry keeps a date range
 * from reading the whole trail (patient and account already have theirs, from 0001).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index audit_entries_at on audit_entries (at)`.execute(db);
}
