import type { Kysely } from 'kysely';
import type { IdentityRectifier } from '../domain/patient-rights/identity-rectification-service.ts';
import { DomainError } from '../domain/shared/domain-error.ts';
import { translateConstraintError } from './constraint-errors.ts';
import type { Database } from './database-schema.ts';
import { eventRow } from './entry-rows.ts';
import { identityColumns, identityOfRow } from './patient-identity-columns.ts';

/**
 * Corrects a patient's identity and appends its `patient.identity-rectified` event (which keeps the
 * previous values) in one transaction, under a lock on the patient's row so two corrections at once
 * each see the other's result. The search keys follow the names (triggers copy them to the care team).
 */
export function createSqlIdentityRectifier(db: Kysely<Database>): IdentityRectifier {
  return {
    async rectify(scope, decide) {
      try {
        return await db.transaction().execute(async (trx) => {
          const row = await trx
            .selectFrom('patients')
            .selectAll()
            .where('patient_id', '=', scope.patientId)
            .forUpdate()
            .executeTakeFirst();
          if (row === undefined) throw new DomainError('not-found', `no patient with id ${scope.patientId}`);
          const rectification = decide(identityOfRow(row), row.version_id);
          // The version trigger (migration 0021) bumps the version and keeps this one.
          const { version_id } = await trx
            .updateTable('patients')
            .set({ ...identityColumns(rectification.identity), updated_at: rectification.event.occurredAt })
            .where('patient_id', '=', scope.patientId)
            .returning('version_id')
            .executeTakeFirstOrThrow();
          await trx.insertInto('events').values(eventRow(rectification.event)).execute();
          return { ...rectification, versionId: version_id };
        });
      } catch (error) {
        throw translateConstraintError(error) ?? error;
      }
    },
  };
}
