import type { Kysely } from 'kysely';
import type { StayAudience } from '../domain/notifications/stay-notices.ts';
import { isoDate } from '../domain/shared/clock.ts';
import { activeOn } from './active-care-team.ts';
import type { Database } from './database-schema.ts';

/**
 * Each stay's place and the accounts of the patient's active care team now, the médecin traitant's
 * first. The hospital is named from the directory (by id, or by the FINESS it sent) when known.
 * Stays that no longer exist are left out.
 */
export async function loadStayAudiences(
  db: Kysely<Database>,
  stayIds: readonly string[],
  on: Date,
): Promise<StayAudience[]> {
  if (stayIds.length === 0) return [];
  const stays = await db
    .selectFrom('stays as s')
    .leftJoin('organizations as o', (join) =>
      join.on((eb) =>
        eb.or([eb('o.id', '=', eb.ref('s.hospital_id')), eb('o.finess', '=', eb.ref('s.facility'))]),
      ),
    )
    .select(['s.id', 's.patient_id', 's.facility', 'o.name as hospital_name'])
    .where('s.id', 'in', stayIds)
    .execute();
  if (stays.length === 0) return [];
  const members = await db
    .selectFrom('care_team_members as m')
    .innerJoin('accounts as a', 'a.practitioner_id', 'm.practitioner_id')
    .select(['m.patient_id', 'm.role', 'a.id as account_id', 'a.locale'])
    .where('m.patient_id', 'in', [...new Set(stays.map((s) => s.patient_id))])
    .where(activeOn('m', isoDate(on)))
    .execute();
  const byStay = new Map<string, StayAudience>();
  for (const stay of stays) {
    if (byStay.has(stay.id)) continue; // a facility known both by id and FINESS: one audience
    const team = members
      .filter((m) => m.patient_id === stay.patient_id)
      .sort((a, b) => Number(b.role === 'medecin_traitant') - Number(a.role === 'medecin_traitant'));
    const accounts = [...new Map(team.map((m) => [m.account_id, m.locale])).entries()];
    byStay.set(stay.id, {
      stayId: stay.id,
      patientId: stay.patient_id,
      facilityName: stay.hospital_name ?? stay.facility,
      members: accounts.map(([accountId, locale]) => ({ accountId, locale })),
    });
  }
  return [...byStay.values()];
}
