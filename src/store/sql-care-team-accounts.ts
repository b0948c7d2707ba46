import type { Kysely } from 'kysely';
import type { CareTeamRole } from '../domain/care-team/care-team-role.ts';
import { isoDate } from '../domain/shared/clock.ts';
import { activeOn } from './active-care-team.ts';
import type { Database } from './database-schema.ts';

/** The accounts of the practitioners who hold `role` in the patient's care team on `on`. */
export async function careTeamRoleAccounts(
  db: Kysely<Database>,
  patientId: string,
  role: CareTeamRole,
  on: Date,
): Promise<string[]> {
  const rows = await db
    .selectFrom('care_team_members as m')
    .innerJoin('accounts as a', 'a.practitioner_id', 'm.practitioner_id')
    .select('a.id')
    .distinct()
    .where('m.patient_id', '=', patientId)
    .where('m.role', '=', role)
    .where(activeOn('m', isoDate(on)))
    .execute();
  return rows.map((row) => row.id);
}
