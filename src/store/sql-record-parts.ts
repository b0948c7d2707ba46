import type { Kysely } from 'kysely';
import type { RecordPart, RecordPartOwners, RecordPartReader } from '../domain/record/record-parts.ts';
import type { Database } from './database-schema.ts';
import { recordParts } from './sql-record-reader.ts';
import { createSqlStayReader } from './sql-stays.ts';

const TABLE_OF = {
  document: 'documents',
  appointment: 'appointments',
  stay: 'stays',
  'pathway-enrolment': 'pathway_enrolments',
  'sharing-choice': 'sharing_choices',
} as const satisfies Record<RecordPart, keyof Database>;

/** The patient of a part named by id, on the `<table>_by_id` indexes (migrations 0023 and 0025). */
export function createSqlRecordPartOwners(db: Kysely<Database>): RecordPartOwners {
  return {
    async patientOf(part, id) {
      const row = await db
        .selectFrom(TABLE_OF[part])
        .select('patient_id')
        .where('id', '=', id)
        .executeTakeFirst();
      return row?.patient_id;
    },
  };
}

/** A patient's record one part at a time, each read under the scope the gate handed out. */
export function createSqlRecordPartReader(db: Kysely<Database>): RecordPartReader {
  const stays = createSqlStayReader(db);
  return {
    async careTeam(scope) {
      const { careTeam } = await db
        .selectNoFrom((eb) => [recordParts.careTeam(eb, scope.patientId).as('careTeam')])
        .executeTakeFirstOrThrow();
      return careTeam;
    },
    async documents(scope) {
      const { documents } = await db
        .selectNoFrom((eb) => [
          recordParts.documents(eb, scope.patientId, scope.hiddenCategories).as('documents'),
        ])
        .executeTakeFirstOrThrow();
      return documents;
    },
    async document(scope, documentId) {
      const { document } = await db
        .selectNoFrom((eb) => [recordParts.document(eb, scope.patientId, documentId).as('document')])
        .executeTakeFirstOrThrow();
      return document ?? undefined;
    },
    async appointments(scope) {
      const { appointments } = await db
        .selectNoFrom((eb) => [recordParts.appointments(eb, scope.patientId).as('appointments')])
        .executeTakeFirstOrThrow();
      return appointments;
    },
    async appointment(scope, appointmentId) {
      const { appointments } = await db
        .selectNoFrom((eb) => [
          recordParts.appointments(eb, scope.patientId, appointmentId).as('appointments'),
        ])
        .executeTakeFirstOrThrow();
      return appointments[0];
    },
    stays: (scope) => stays.ofPatient(scope.patientId),
    async stay(scope, stayId) {
      return (await stays.byId(scope.patientId, stayId)) ?? undefined;
    },
  };
}
