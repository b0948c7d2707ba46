import type { Kysely } from 'kysely';
import type { ReferralFactsSource } from '../domain/referrals/referral-ports.ts';
import { specialtyLabel } from '../domain/referrals/referral-specialty-label.ts';
import { activeRoles, patientObjects } from './active-care-team.ts';
import type { Database } from './database-schema.ts';

/** The directory and care-team facts referral decisions need: small indexed lookups. */
export function createSqlReferralFacts(db: Kysely<Database>): ReferralFactsSource {
  return {
    async viewer(practitionerId, patientId, on) {
      const [practitioner, roles, objected] = await Promise.all([
        db
          .selectFrom('practitioners')
          .select(['organization_id', 'specialty', 'given_name', 'family_name'])
          .where('id', '=', practitionerId)
          .executeTakeFirst(),
        patientId === null ? [] : activeRoles(db, practitionerId, patientId, on),
        patientId === null ? false : patientObjects(db, patientId, practitionerId),
      ]);
      return {
        practitionerId,
        organizationId: practitioner?.organization_id ?? null,
        specialty: practitioner?.specialty ?? null,
        patientRoles: roles,
        objected,
        name: practitioner === undefined ? '' : `${practitioner.given_name} ${practitioner.family_name}`,
      };
    },

    async describeTarget(target) {
      switch (target.kind) {
        case 'practitioner': {
          const row = await db
            .selectFrom('practitioners as p')
            .leftJoin('organizations as o', 'o.id', 'p.organization_id')
            .select(['p.given_name', 'p.family_name', 'p.organization_id', 'o.kind'])
            .where('p.id', '=', target.practitionerId)
            .executeTakeFirst();
          return row === undefined
            ? undefined
            : {
                label: `${row.given_name} ${row.family_name}`,
                hospitalService: row.kind === 'hospital_service',
                organizationId: row.organization_id,
              };
        }
        case 'service': {
          const row = await db
            .selectFrom('organizations')
            .select('name')
            .where('id', '=', target.organizationId)
            .where('kind', '=', 'hospital_service')
            .executeTakeFirst();
          return row === undefined
            ? undefined
            : { label: row.name, hospitalService: true, organizationId: target.organizationId };
        }
        case 'specialty': {
          const row = await db
            .selectFrom('practitioners')
            .select('id')
            .where('specialty', '=', target.specialty)
            .limit(1)
            .executeTakeFirst();
          return row === undefined
            ? undefined
            : { label: specialtyLabel(target.specialty), hospitalService: false, organizationId: null };
        }
      }
    },
  };
}
