import { sql, type Kysely } from 'kysely';
import { specialtyLabel } from '../domain/referrals/referral-specialty-label.ts';
import type { ReferralView } from '../domain/referrals/referral-views.ts';
import type { Database } from './database-schema.ts';
import { REFERRAL_COLUMNS, storedReferralOf } from './referral-rows.ts';
import { practitionerName } from './sql-task-views.ts';

// Written as literals, like the partial indexes' predicates (0007-referrals.ts), so the planner matches them.
export const OPEN_REFERRAL = sql<boolean>`r.status in ('requested', 'on_hold', 'accepted', 'scheduled', 'seen', 'reported')`;
export const CLOSED_REFERRAL = sql<boolean>`r.status in ('closed', 'declined', 'cancelled')`;

/**
 * Referrals with the names around them: the patient (a referral's parties see who it is about: they
 * are asked to care for them), the referrer, the target and the performer. Names are scalar
 * subqueries, so a page costs a few index probes per row.
 */
export function selectReferralViews(db: Kysely<Database>) {
  return db
    .selectFrom('referrals as r')
    .innerJoin('patients as p', 'p.patient_id', 'r.patient_id')
    .select(REFERRAL_COLUMNS.map((column) => `r.${column}` as const))
    .select([
      'p.birth_family_name',
      'p.used_family_name',
      'p.first_given_name',
      'p.used_given_name',
      'p.birth_date',
      practitionerName('r.referrer_practitioner_id').as('referrer_name'),
      practitionerName('r.target_practitioner_id').as('target_practitioner_name'),
      sql<string | null>`(select o.name from organizations o where o.id = r.target_organization_id)`.as(
        'target_service_name',
      ),
      practitionerName('r.performer_practitioner_id').as('performer_name'),
    ]);
}

type ViewRow = Awaited<ReturnType<ReturnType<typeof selectReferralViews>['execute']>>[number];

export function referralViewOf(row: ViewRow): ReferralView {
  const stored = storedReferralOf(row);
  const family = row.used_family_name ?? row.birth_family_name;
  const given = row.used_given_name ?? row.first_given_name;
  return {
    ...stored,
    // French usage: family name in capitals, then the given name.
    patient: {
      id: row.patient_id,
      name: `${family.toLocaleUpperCase('fr')} ${given}`,
      birthDate: row.birth_date,
    },
    referrerName: row.referrer_name ?? '',
    targetLabel:
      row.target_specialty !== null
        ? specialtyLabel(row.target_specialty)
        : (row.target_practitioner_name ?? row.target_service_name ?? ''),
    performerName: row.performer_name,
  };
}
