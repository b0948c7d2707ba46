import type { Kysely } from 'kysely';
import { coordinatingRole } from '../domain/care-team/coordinating-role.ts';
import type { BreakGlassAudience } from '../domain/notifications/break-glass-notices.ts';
import { isoDate } from '../domain/shared/clock.ts';
import { activeOn } from './active-care-team.ts';
import type { Database } from './database-schema.ts';

/**
 * Each grant with who holds it, the accounts of the patient's coordinators on `on` (or of the médecin
 * traitant when the team has no coordinator) and the patient's portal accounts. Grants that do not
 * exist are left out.
 */
export async function loadBreakGlassAudiences(
  db: Kysely<Database>,
  grantIds: readonly string[],
  on: Date,
): Promise<BreakGlassAudience[]> {
  if (grantIds.length === 0) return [];
  const grants = await db
    .selectFrom('break_glass_grants as g')
    .innerJoin('practitioners as p', 'p.id', 'g.practitioner_id')
    .leftJoin('organizations as o', 'o.id', 'p.organization_id')
    .select([
      'g.id',
      'g.patient_id',
      'g.reason',
      'g.granted_at',
      'g.expires_at',
      'p.given_name',
      'p.family_name',
      'o.name as organization',
    ])
    .where('g.id', 'in', grantIds)
    .execute();
  if (grants.length === 0) return [];
  const patientIds = [...new Set(grants.map((grant) => grant.patient_id))];
  const [team, patients] = await Promise.all([
    db
      .selectFrom('care_team_members as m')
      .innerJoin('accounts as a', 'a.practitioner_id', 'm.practitioner_id')
      .select(['m.patient_id', 'm.role', 'a.id as accountId', 'a.locale'])
      .distinct()
      .where('m.patient_id', 'in', patientIds)
      .where('m.role', 'in', ['coordinator', 'medecin_traitant'])
      .where(activeOn('m', isoDate(on)))
      .execute(),
    db
      .selectFrom('accounts')
      .select(['patient_id', 'id as accountId', 'locale'])
      .where('kind', '=', 'patient')
      .where('patient_id', 'in', patientIds)
      .execute(),
  ]);
  return grants.map((grant) => {
    const members = team.filter((member) => member.patient_id === grant.patient_id);
    const role = coordinatingRole(members.some((member) => member.role === 'coordinator'));
    return {
      grantId: grant.id,
      patientId: grant.patient_id,
      holder: { name: `${grant.given_name} ${grant.family_name}`, organization: grant.organization },
      reason: grant.reason,
      grantedAt: grant.granted_at,
      expiresAt: grant.expires_at,
      coordinators: members
        .filter((member) => member.role === role)
        .map(({ accountId, locale }) => ({ accountId, locale })),
      patient: patients
        .filter((account) => account.patient_id === grant.patient_id)
        .map(({ accountId, locale }) => ({ accountId, locale })),
    };
  });
}
