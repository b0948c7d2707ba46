import type { Kysely } from 'kysely';
import type { PatientEverythingReader } from '../domain/record/patient-everything.ts';
import type { Database } from './database-schema.ts';
import { recordParts } from './sql-record-reader.ts';

/** A patient's whole record in one statement: the record's parts, with every result. */
export function createSqlPatientEverything(db: Kysely<Database>): PatientEverythingReader {
  return {
    async read(scope, now) {
      const id = scope.patientId;
      return db
        .selectNoFrom((eb) => [
          recordParts.careTeam(eb, id).as('careTeam'),
          recordParts.conditions(eb, id).as('conditions'),
          recordParts.medications(eb, id, ['active', 'stopped']).as('medications'),
          recordParts.allergies(eb, id).as('allergies'),
          recordParts.latestResults(eb, id, null).as('results'),
          recordParts.documents(eb, id, scope.hiddenCategories).as('documents'),
          recordParts.upcomingAppointments(eb, id, now).as('upcomingAppointments'),
        ])
        .executeTakeFirstOrThrow();
    },
  };
}
