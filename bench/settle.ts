import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/store/database-schema.ts';

/**
 * The database as autovacuum leaves it shortly after a bulk load (every table just filled sets off its
 * insert threshold): statistics for the planner, and visibility maps for index-only scans. Measured
 * right after the load, queries were planned without statistics (a patient's care team was read by a
 * full scan of another index: record p50 16 ms at 100k patients, 3–4 ms once analysed).
 */
export async function settleAfterBulkLoad(db: Kysely<Database>): Promise<void> {
  await sql`vacuum (analyze)`.execute(db);
}
