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

/**
 * The audit entries written after `seq`, in order, one per patient: a row about several patients (a
 * search's hits, migration 0032) counts as an entry for each, in the order it names them.
 */
export async function auditRowsAfter(relais: Relais, seq: string) {
  const { rows } = await sql<{
    seq: string;
    account_id: string | null;
    patient_id: string | null;
    action: string;
    resource: string;
    outcome: string;
    reason: string;
  }>`
    select a.seq, a.account_id, coalesce(p.patient_id, a.patient_id) as patient_id,
           a.action, a.resource, a.outcome, a.reason
      from audit_entries a
      left join lateral unnest(a.patient_ids) with ordinality as p (patient_id, position) on true
     where a.seq > ${seq}
     order by a.seq, p.position`.execute(relais.database.db);
  return rows;
}
