import type { Kysely } from 'kysely';
import type { BreakGlassStore } from '../domain/emergency-access/break-glass-ports.ts';
import type { Database } from './database-schema.ts';
import { auditRow } from './sql-audit-trail.ts';
import { inTransaction, insertEvents } from './write-transaction.ts';

/** Keeps break-the-glass grants with their audit entry and journal event, in one transaction. */
export function createSqlBreakGlassStore(db: Kysely<Database>): BreakGlassStore {
  return {
    async grant(grant, audit, event) {
      await inTransaction(db, async (trx) => {
        await trx
          .insertInto('break_glass_grants')
          .values({
            patient_id: grant.patientId,
            id: grant.id,
            practitioner_id: grant.practitionerId,
            account_id: grant.accountId,
            reason: grant.reason,
            granted_at: grant.grantedAt,
            expires_at: grant.expiresAt,
          })
          .execute();
        await trx.insertInto('audit_entries').values(auditRow(audit)).execute();
        await insertEvents(trx, [event]);
      });
    },
  };
}
