import { sql, type Kysely, type RawBuilder } from 'kysely';
import { isoDate } from '../domain/shared/clock.ts';
import type { Database } from './database-schema.ts';

/**
 * Whether the care_team_members row under `alias` is active on `today` (YYYY-MM-DD): started, not
 * ended, and its practitioner not one the patient objects to. The access check, the gates, the
 * worklists and the notices' audiences share this one rule, so an objection takes effect everywhere.
 */
export function activeOn(alias: string, today: string): RawBuilder<boolean> {
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  return sql<boolean>`(${column('started_on')} <= ${today} and (${column('ended_on')} is null or ${column('ended_on')} > ${today})
    and not ${objectionAgainst(alias)})`;
}

/**
 * Whether the patient of the care_team_members row under `alias` objects to sharing with its
 * practitioner (see `patientObjectsTo`).
 */
function objectionAgainst(alias: string): RawBuilder<boolean> {
  return patientObjectsTo(sql.ref(`${alias}.patient_id`), sql.ref(`${alias}.practitioner_id`));
}

/**
 * Whether the patient objects to sharing with the practitioner, by name or through their organisation
 * (their service, or its hospital). A probe on the patient's few choices in force, so it costs one
 * index lookup per row.
 */
export function patientObjectsTo(
  patient: RawBuilder<unknown>,
  practitioner: RawBuilder<unknown>,
): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 from sharing_choices c
    where c.patient_id = ${patient} and c.withdrawn_at is null and c.kind = 'objection'
      and ${objectionNames(practitioner)})`;
}

/**
 * The patients objecting to sharing with the practitioner: the rule of `patientObjectsTo` as a set,
 * for a search over the practitioner's whole list, which reads it once (migration 0029's indexes)
 * rather than probing every row's patient.
 */
export function patientsObjectingTo(practitionerId: string): RawBuilder<string> {
  const practitioner = sql`${practitionerId}::uuid`;
  return sql<string>`select c.patient_id from sharing_choices c
    where c.withdrawn_at is null and c.kind = 'objection' and ${objectionNames(practitioner)}`;
}

/** Whether the objection `c` names the practitioner, their organisation or its parent. */
function objectionNames(practitioner: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`(c.practitioner_id = ${practitioner}
        or c.organization_id in (
          select p.organization_id from practitioners p where p.id = ${practitioner}
          union all
          select o.parent_id from practitioners p join organizations o on o.id = p.organization_id
            where p.id = ${practitioner}))`;
}

/**
 * Whether the row's patient (in `patientColumn`; none counts as no objection) does not object to the
 * practitioner (an id, or the column holding it): an objection hides the patient's referrals and tasks
 * from their lists and their notices too.
 */
export function noObjectionTo(
  patientColumn: string,
  practitioner: string | { readonly column: string },
): RawBuilder<boolean> {
  const patient = sql.ref(patientColumn);
  const who = typeof practitioner === 'string' ? sql`${practitioner}::uuid` : sql.ref(practitioner.column);
  return sql<boolean>`(${patient} is null or not ${patientObjectsTo(patient, who)})`;
}

/** Whether the patient objects to sharing with the practitioner, as one query. */
export async function patientObjects(
  db: Kysely<Database>,
  patientId: string,
  practitionerId: string,
): Promise<boolean> {
  const { rows } = await sql<{ objected: boolean }>`select ${patientObjectsTo(
    sql`${patientId}::uuid`,
    sql`${practitionerId}::uuid`,
  )} as objected`.execute(db);
  return rows[0]?.objected === true;
}

/**
 * Whether the practitioner is, on `today`, in the active care team of the patient in `patientColumn`
 * (holding `role`, when given). Written as a scalar subquery on purpose: PostgreSQL turns an EXISTS
 * into a join or a hashed subplan, and both first read all the practitioner's memberships (thousands
 * for a GP); a scalar subquery stays one index probe per row, so an ordered scan keeps its order and
 * stops after a page.
 */
export function inCareTeam(
  practitionerId: string,
  patientColumn: string,
  today: string,
  role?: string,
): RawBuilder<boolean> {
  const holding = role === undefined ? sql`` : sql`and m.role = ${role}`;
  return sql<boolean>`coalesce((select true from care_team_members m
    where m.practitioner_id = ${practitionerId} and m.patient_id = ${sql.ref(patientColumn)} ${holding}
      and ${activeOn('m', today)} limit 1), false)`;
}

/** The roles the practitioner holds in the patient's care team on `on` (empty when none). */
export async function activeRoles(
  db: Kysely<Database>,
  practitionerId: string,
  patientId: string,
  on: Date,
): Promise<string[]> {
  const rows = await db
    .selectFrom('care_team_members as m')
    .select('m.role')
    .where('m.patient_id', '=', patientId)
    .where('m.practitioner_id', '=', practitionerId)
    .where(activeOn('m', isoDate(on)))
    .execute();
  return rows.map((row) => row.role);
}

/** The roles held in the patient's active care team on `on`, each once. */
export async function activeCareTeamRoles(
  db: Kysely<Database>,
  patientId: string,
  on: Date,
): Promise<string[]> {
  const rows = await db
    .selectFrom('care_team_members as m')
    .select('m.role')
    .distinct()
    .where('m.patient_id', '=', patientId)
    .where(activeOn('m', isoDate(on)))
    .execute();
  return rows.map((row) => row.role);
}
