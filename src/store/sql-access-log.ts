import { sql, type Kysely } from 'kysely';
import type { AccessLogReader } from '../domain/audit/access-log-service.ts';
import { aboutPatient } from './audit-entries-about.ts';
import type { Database } from './database-schema.ts';

/**
 * A patient's access log: the audit entries professionals left on the scope's patient, alone or among
 * others (on the patient indexes, newest first), who they are, and the reason of a break-the-glass
 * access that was running for them at the time.
 */
export function createSqlAccessLog(db: Kysely<Database>): AccessLogReader {
  return {
    async professionalAccesses(scope, beforeSeq, limit) {
      let query = db
        .selectFrom('audit_entries as a')
        .leftJoin('accounts as acc', 'acc.id', 'a.account_id')
        .leftJoin('practitioners as p', 'p.id', 'acc.practitioner_id')
        .select((eb) => [
          'a.seq',
          'a.at',
          'a.account_id',
          'a.actor_role',
          'a.action',
          'a.resource',
          'a.outcome',
          'a.reason',
          'p.profession',
          'p.specialty',
          sql<string | null>`p.given_name || ' ' || p.family_name`.as('name'),
          eb
            .selectFrom('break_glass_grants as g')
            .select('g.reason')
            .where('g.patient_id', '=', scope.patientId)
            .whereRef('g.practitioner_id', '=', 'acc.practitioner_id')
            .whereRef('g.granted_at', '<=', 'a.at')
            .whereRef('g.expires_at', '>', 'a.at')
            .orderBy('g.granted_at', 'desc')
            .limit(1)
            .as('break_glass_reason'),
        ])
        .where(aboutPatient(scope.patientId))
        .where('a.actor_kind', '=', 'professional')
        .orderBy('a.seq', 'desc')
        .limit(limit);
      if (beforeSeq !== null) query = query.where('a.seq', '<', beforeSeq);
      const rows = await query.execute();
      return rows.map((row) => ({
        seq: row.seq,
        at: row.at,
        accountId: row.account_id,
        name: row.name,
        profession: row.profession,
        specialty: row.specialty,
        role: row.actor_role,
        action: row.action,
        resource: row.resource,
        outcome: row.outcome,
        reason: row.reason,
        breakGlassReason: row.break_glass_reason,
      }));
    },
  };
}
