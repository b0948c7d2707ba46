import { sql, type Kysely } from 'kysely';
import type { BreakGlassStore } from '../domain/emergency-access/break-glass-ports.ts';
import type { Database } from './database-schema.ts';
import { auditRow } from './sql-audit-trail.ts';
import { inTransaction, insertEvents } from './write-transaction.ts';

/** Keeps break-the-glass grants with their audit entry and journal event, in one transaction. */
export function createSqlBreakGlassStore(db: Kysely<Database>): BreakGlassStore {
  return {
    grant(grant, audit, event) {
      return inTransaction(db, async (trx) => {
        // Two requests at once would both see no running grant: the second waits here, then sees the first.
        const key = `break-glass:${grant.patientId}:${grant.practitionerId}`;
        await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
        const running = await trx
          .selectFrom('break_glass_grants')
          .select('id')
          .where('patient_id', '=', grant.patientId)
          .where('practitioner_id', '=', grant.practitionerId)
          .where('expires_at', '>', grant.grantedAt)
          .executeTakeFirst();
        if (running !== undefined) return false;
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
        return true;
      });
    },
  };
}
