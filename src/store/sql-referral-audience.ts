import { sql, type Kysely } from 'kysely';
import type { ReferralAudience } from '../domain/notifications/referral-notices.ts';
import { isoDate } from '../domain/shared/clock.ts';
import { activeOn, patientObjectsTo } from './active-care-team.ts';
import type { Database } from './database-schema.ts';

/**
 * The accounts of each referral's parties now: the referrer, the performer, the target pool (the named
 * professional, the service's members or the specialty's holders) and the patient's coordinators,
 * leaving out anyone the patient objects to. Referrals that no longer exist are left out.
 */
export async function loadReferralAudiences(
  db: Kysely<Database>,
  referralIds: readonly string[],
  on: Date,
): Promise<ReferralAudience[]> {
  if (referralIds.length === 0) return [];
  const referrals = await db
    .selectFrom('referrals')
    .select([
      'id',
      'patient_id',
      'urgency',
      'target_kind',
      'target_practitioner_id',
      'target_organization_id',
      'target_specialty',
      'referrer_practitioner_id',
      'performer_practitioner_id',
    ])
    .where('id', 'in', referralIds)
    .execute();
  if (referrals.length === 0) return [];
  const distinct = (values: readonly (string | null)[]) =>
    [...new Set(values)].filter((value) => value !== null);
  const practitionerIds = distinct(
    referrals.flatMap((r) => [
      r.referrer_practitioner_id,
      r.performer_practitioner_id,
      r.target_practitioner_id,
    ]),
  );
  const organizationIds = distinct(referrals.map((r) => r.target_organization_id));
  const specialties = distinct(referrals.map((r) => r.target_specialty));
  const patientIds = distinct(referrals.map((r) => r.patient_id));
  const professionals = db
    .selectFrom('accounts as a')
    .innerJoin('practitioners as p', 'p.id', 'a.practitioner_id')
    .select(['a.id as account_id', 'p.id as practitioner_id', 'p.organization_id', 'p.specialty']);
  const [accounts, coordinators] = await Promise.all([
    professionals
      .where((eb) =>
        eb.or([
          eb('p.id', 'in', practitionerIds),
          ...(organizationIds.length === 0 ? [] : [eb('p.organization_id', 'in', organizationIds)]),
          ...(specialties.length === 0 ? [] : [eb('p.specialty', 'in', specialties)]),
        ]),
      )
      .execute(),
    db
      .selectFrom('care_team_members as m')
      .innerJoin('accounts as a', 'a.practitioner_id', 'm.practitioner_id')
      .select(['m.patient_id', 'a.id as account_id'])
      .where('m.patient_id', 'in', patientIds)
      .where('m.role', '=', 'coordinator')
      .where(activeOn('m', isoDate(on)))
      .execute(),
  ]);
  const objected = await objectionsAmong(db, patientIds, [
    ...new Set(accounts.map((a) => a.practitioner_id)),
  ]);
  const accountsOf = (patientId: string, keep: (row: (typeof accounts)[number]) => boolean) =>
    accounts
      .filter((row) => keep(row) && !objected.has(`${patientId} ${row.practitioner_id}`))
      .map((row) => row.account_id);
  return referrals.map((r) => ({
    referralId: r.id,
    patientId: r.patient_id,
    urgency: r.urgency,
    targetKind: r.target_kind,
    referrer: accountsOf(r.patient_id, (a) => a.practitioner_id === r.referrer_practitioner_id),
    performer: accountsOf(r.patient_id, (a) => a.practitioner_id === r.performer_practitioner_id),
    targetPool: accountsOf(r.patient_id, (a) =>
      r.target_kind === 'practitioner'
        ? a.practitioner_id === r.target_practitioner_id
        : r.target_kind === 'service'
          ? a.organization_id === r.target_organization_id
          : a.specialty === r.target_specialty,
    ),
    coordinators: coordinators.filter((c) => c.patient_id === r.patient_id).map((c) => c.account_id),
  }));
}

/** The (patient, practitioner) pairs, as "patient practitioner", where the patient objects to them. */
async function objectionsAmong(
  db: Kysely<Database>,
  patientIds: readonly string[],
  practitionerIds: readonly string[],
): Promise<Set<string>> {
  if (practitionerIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('patients as pt')
    .innerJoin('practitioners as p', (join) => join.onTrue())
    .select(['pt.patient_id', 'p.id as practitioner_id'])
    .where('pt.patient_id', 'in', patientIds)
    .where('p.id', 'in', practitionerIds)
    .where(patientObjectsTo(sql.ref('pt.patient_id'), sql.ref('p.id')))
    .execute();
  return new Set(rows.map((row) => `${row.patient_id} ${row.practitioner_id}`));
}
