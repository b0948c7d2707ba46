import type { Kysely } from 'kysely';
import type { StayStaffFacts } from '../domain/discharge/stay-gate.ts';
import type { Database } from './database-schema.ts';

/** Where practitioners and services sit in the directory, for the stay gate. */
export function createSqlStayStaffFacts(db: Kysely<Database>): StayStaffFacts {
  return {
    async practitionerHospital(practitionerId) {
      const row = await db
        .selectFrom('practitioners as p')
        .innerJoin('organizations as o', 'o.id', 'p.organization_id')
        .select(['o.id', 'o.kind', 'o.parent_id'])
        .where('p.id', '=', practitionerId)
        .executeTakeFirst();
      if (row === undefined) return null;
      if (row.kind === 'hospital') return row.id;
      return row.kind === 'hospital_service' ? row.parent_id : null;
    },
    async serviceHospital(serviceId) {
      const row = await db
        .selectFrom('organizations')
        .select('parent_id')
        .where('id', '=', serviceId)
        .executeTakeFirst();
      return row?.parent_id ?? null;
    },
  };
}
