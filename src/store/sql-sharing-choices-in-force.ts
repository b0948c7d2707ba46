import { sql, type Kysely } from 'kysely';
import type { SharingChoicesReader } from '../domain/patient-rights/patient-summary.ts';
import type { Database } from './database-schema.ts';

/** The sharing choices not withdrawn, oldest first, with the names of the people and places they name. */
export function createSqlSharingChoicesInForce(db: Kysely<Database>): SharingChoicesReader {
  return {
    async inForce(scope) {
      const rows = await db
        .selectFrom('sharing_choices as s')
        .leftJoin('practitioners as p', 'p.id', 's.practitioner_id')
        .leftJoin('organizations as o', 'o.id', 's.organization_id')
        .select([
          's.kind',
          's.category',
          's.on_behalf',
          's.recorded_at',
          'o.name as organization',
          sql<string | null>`p.given_name || ' ' || p.family_name`.as('practitioner'),
          sql<string[]>`array(select a.given_name || ' ' || a.family_name from practitioners a
            where a.id = any(s.allowed_practitioner_ids) order by a.family_name, a.given_name)`.as('allowed'),
        ])
        .where('s.patient_id', '=', scope.patientId)
        .where('s.withdrawn_at', 'is', null)
        .orderBy('s.recorded_at')
        .execute();
      return rows.map((row) => ({
        kind: row.kind,
        practitioner: row.practitioner,
        organization: row.organization,
        category: row.category,
        allowedPractitioners: row.allowed,
        recordedAt: row.recorded_at,
        onBehalf: row.on_behalf,
      }));
    },
  };
}
