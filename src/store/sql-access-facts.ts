import type { Kysely } from 'kysely';
import type { AccessFactsSource } from '../domain/access/patient-access-service.ts';
import { isoDate } from '../domain/shared/clock.ts';
import { activeOn } from './active-care-team.ts';
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
      const rows = await db
        .selectFrom('care_team_members as m')
        .select('m.role')
        .where('m.patient_id', '=', patientId)
        .where('m.practitioner_id', '=', practitionerId)
        .where(activeOn('m', isoDate(on)))
        .execute();
      return rows.map((row) => row.role);
    },
  };
}
