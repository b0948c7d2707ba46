import type { Kysely } from 'kysely';
import type { AccessFactsSource } from '../domain/access/patient-access-service.ts';
import { activeRoles } from './active-care-team.ts';
import type { Database } from './database-schema.ts';

/** Loads care-team membership for the access decision (one indexed lookup each). */
export function createSqlAccessFacts(db: Kysely<Database>): AccessFactsSource {
  return {
    async patientExists(patientId) {
      const row = await db
        .selectFrom('patients')
        .select('patient_id')
        .where('patient_id', '=', patientId)
        .executeTakeFirst();
      return row !== undefined;
    },
    activeCareTeamRoles: (practitionerId, patientId, on) => activeRoles(db, practitionerId, patientId, on),
  };
}
