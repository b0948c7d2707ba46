import type { Kysely } from 'kysely';
import type { PatientTargetWriter } from '../domain/record/patient-target.ts';
import type { Database } from './database-schema.ts';
import { addEventRow, type RowsByTable } from './entry-rows.ts';

/** Writes a patient's targets (one per name) with their `target.set` event. */
export function createSqlPatientTargetStore(db: Kysely<Database>): PatientTargetWriter {
  return {
    async setTarget(scope, target, by) {
      const events: RowsByTable = {};
      addEventRow(events, by.event);
      const row = { value: target.value, unit: target.unit, set_by: by.accountId, set_at: by.at };
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('patient_targets')
          .values({ patient_id: scope.patientId, name: target.name, ...row })
          .onConflict((oc) => oc.columns(['patient_id', 'name']).doUpdateSet(row))
          .execute();
        await trx
          .insertInto('events')
          .values(events.events ?? [])
          .execute();
      });
    },
  };
}
