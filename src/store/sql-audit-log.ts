import { sql, type Kysely } from 'kysely';
import type { AuditEntry } from '../domain/audit/audit-entry.ts';
import type { AuditLogReader } from '../domain/audit/audit-log-service.ts';
import type { Database } from './database-schema.ts';

/**
 * The DPO's reading of audit_entries: filters on the indexed columns (patient, account, time) and keyset
 * pages on seq, newest first, with the account's log-in and the practitioner behind it.
 */
export function createSqlAuditLog(db: Kysely<Database>): AuditLogReader {
  return {
    async page(filter, beforeSeq, limit) {
      let query = db
        .selectFrom('audit_entries as a')
        .leftJoin('accounts as acc', 'acc.id', 'a.account_id')
        .leftJoin('practitioners as p', 'p.id', 'acc.practitioner_id')
        .select([
          'a.seq',
          'a.at',
          'a.account_id',
          'a.actor_kind',
          'a.actor_role',
          'a.patient_id',
          'a.action',
          'a.resource',
          'a.outcome',
          'a.reason',
          'a.client_address',
          'acc.login',
          'p.profession',
          sql<string | null>`p.given_name || ' ' || p.family_name`.as('name'),
        ])
        .orderBy('a.seq', 'desc')
        .limit(limit);
      if (beforeSeq !== null) query = query.where('a.seq', '<', beforeSeq);
      if (filter.patientId !== null) query = query.where('a.patient_id', '=', filter.patientId);
      if (filter.accountId !== null) query = query.where('a.account_id', '=', filter.accountId);
      if (filter.login !== null) query = query.where('acc.login', '=', filter.login);
      if (filter.action !== null) query = query.where('a.action', '=', filter.action);
      if (filter.outcome !== null) query = query.where('a.outcome', '=', filter.outcome);
      if (filter.from !== null) query = query.where('a.at', '>=', filter.from);
      if (filter.before !== null) query = query.where('a.at', '<', filter.before);
      const rows = await query.execute();
      return rows.map((row) => ({
        seq: row.seq,
        at: row.at,
        actor: {
          kind: row.actor_kind as AuditEntry['actorKind'],
          accountId: row.account_id,
          login: row.login,
          name: row.name,
          profession: row.profession,
        },
        role: row.actor_role,
        patientId: row.patient_id,
        action: row.action,
        resource: row.resource,
        outcome: row.outcome,
        reason: row.reason,
        clientAddress: row.client_address,
      }));
    },
  };
}
