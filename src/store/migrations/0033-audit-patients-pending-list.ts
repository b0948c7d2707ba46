import { sql, type Kysely } from 'kysely';

/**
 * The GIN index of the patients an audit entry names keeps its pending list (ADR 0022, amending ADR
 * 0020): an insert adds its keys to the list, and the list goes into the index in bulk, by autovacuum
 * or by the insert that fills it. Inserting twenty keys into the index one by one made a search's audit
 * row cost three to four times as much once the trail had grown, which every search pays, against a
 * flush that one insert in thousands pays.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter index audit_entries_patients set (fastupdate = on)`.execute(db);
}
