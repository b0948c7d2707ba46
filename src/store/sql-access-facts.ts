import { sql, type Kysely } from 'kysely';
import { isDataCategory } from '../domain/access/data-category.ts';
import type { CategoryRestriction } from '../domain/access/patient-access-policy.ts';
import type { AccessFactsSource, PatientAccessFacts } from '../domain/access/patient-access-service.ts';
import { FINAL_STATUSES } from '../domain/referrals/referral.ts';
import { isoDate } from '../domain/shared/clock.ts';
import { activeOn } from './active-care-team.ts';
import { preparedOnce } from './prepared-once.ts';
import type { Database } from './database-schema.ts';

interface FactsRow {
  roles: string[];
  referred: boolean;
  objection: 'practitioner' | 'organization' | null;
  consent: boolean;
  break_glass_until: Date | string | null;
  restrictions: { category: string; named: boolean }[] | null;
  identity_version: number | null;
}

/**
 * Loads the access decision's facts in one statement: each fact is a probe on the patient's own rows
 * (care team, referrals, sharing choices, grants), so the cost does not grow with the caseload.
 * "The practitioner's organisations" are their service and its hospital. The patient's identity
 * version comes with them: it tells whether the patient exists, and which version a reader may reuse.
 */
export function createSqlAccessFacts(db: Kysely<Database>): AccessFactsSource {
  // Prepared on PostgreSQL (preparing-client.ts): planning it cost three times running it.
  const accessFactsOf = preparedOnce(
    'access-facts',
    (practitionerId: string, patientId: string, today: string) => {
      const finalStatuses = sql.join(FINAL_STATUSES.map((status) => sql`${status}`));
      return sql<FactsRow>`
        with own_organizations as (
          select p.organization_id as id from practitioners p
            where p.id = ${practitionerId} and p.organization_id is not null
          union
          select o.parent_id from practitioners p join organizations o on o.id = p.organization_id
            where p.id = ${practitionerId} and o.parent_id is not null
        ),
        in_force as (
          select * from sharing_choices c where c.patient_id = ${patientId} and c.withdrawn_at is null
        )
        select
          array(select m.role from care_team_members m
            where m.patient_id = ${patientId} and m.practitioner_id = ${practitionerId}
              and ${activeOn('m', today)}) as roles,
          exists(select 1 from referrals r
            where r.patient_id = ${patientId} and r.status not in (${finalStatuses})
              and (r.target_practitioner_id = ${practitionerId}
                or r.target_organization_id in (select id from own_organizations))) as referred,
          (select case when c.practitioner_id is not null then 'practitioner' else 'organization' end
            from in_force c where c.kind = 'objection'
              and (c.practitioner_id = ${practitionerId}
                or c.organization_id in (select id from own_organizations))
            order by c.practitioner_id is null limit 1) as objection,
          exists(select 1 from in_force c
            where c.kind = 'consent' and c.practitioner_id = ${practitionerId}) as consent,
          (select max(g.expires_at) from break_glass_grants g
            where g.patient_id = ${patientId} and g.practitioner_id = ${practitionerId}) as break_glass_until,
          (select json_agg(json_build_object('category', c.category,
              'named', ${practitionerId}::uuid = any(c.allowed_practitioner_ids)))
            from in_force c where c.kind = 'restriction') as restrictions,
          (select q.version_id from patients q where q.patient_id = ${patientId}) as identity_version
      `.compile(db);
    },
  );
  return {
    async patientExists(patientId) {
      const row = await db
        .selectFrom('patients')
        .select('patient_id')
        .where('patient_id', '=', patientId)
        .executeTakeFirst();
      return row !== undefined;
    },

    async accessFacts(practitionerId, patientId, on): Promise<PatientAccessFacts> {
      const { rows } = await db.executeQuery(accessFactsOf(practitionerId, patientId, isoDate(on)));
      const row = rows[0];
      if (row === undefined) throw new Error('the access facts query returned no row');
      return {
        careTeamRoles: row.roles,
        referredToCaller: row.referred,
        objection: row.objection,
        sharingConsent: row.consent,
        breakGlassUntil: row.break_glass_until === null ? null : new Date(row.break_glass_until),
        restrictions: restrictionsOf(row.restrictions),
        identityVersion: row.identity_version,
      };
    },
  };
}

function restrictionsOf(rows: FactsRow['restrictions']): CategoryRestriction[] {
  return (rows ?? []).flatMap(({ category, named }) =>
    isDataCategory(category) ? [{ category, callerNamed: named }] : [],
  );
}
