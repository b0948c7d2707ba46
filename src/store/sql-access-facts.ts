import type { Kysely } from 'kysely';
import type { AccessFactsSource } from '../domain/access/patient-access-service.ts';
import { isoDate } from '../domain/shared/clock.ts';
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
    async activeCareTeamRoles(practitionerId, patientId, on) {
      const today = isoDate(on);
      const rows = await db
        .selectFrom('care_team_members')
        .select('role')
        .where('patient_id', '=', patientId)
        .where('practitioner_id', '=', practitionerId)
        .where('started_on', '<=', today)
        .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>', today)]))
        .execute();
      return rows.map((row) => row.role);
    },
  };
}
