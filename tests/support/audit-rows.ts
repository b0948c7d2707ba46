import { sql } from 'kysely';
import type { Relais } from '../../src/app.ts';

/** The sequence number of the latest audit row (0 when there is none). */
export async function lastAuditSeq(relais: Relais): Promise<string> {
  const row = await relais.database.db
    .selectFrom('audit_entries')
    .select(sql<string>`coalesce(max(seq), 0)::text`.as('seq'))
    .executeTakeFirstOrThrow();
  return row.seq;
}

/** The audit rows written after `seq`, in order. */
export async function auditRowsAfter(relais: Relais, seq: string) {
  return relais.database.db
    .selectFrom('audit_entries')
    .select(['seq', 'account_id', 'patient_id', 'action', 'resource', 'outcome', 'reason'])
    .where('seq', '>', seq)
    .orderBy('seq')
    .execute();
}
