import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { PathwayWorklistReader } from '../domain/pathways/pathway-ports.ts';
import type { Actor } from '../domain/pathways/pathway-worklist.ts';
import { isoDate } from '../domain/shared/clock.ts';
import { activeOn } from './active-care-team.ts';
import type { Database } from './database-schema.ts';
import { occurrenceOf } from './pathway-rows.ts';
import { preparedAs, preparedPerShape } from './preparing-client.ts';

/** The roles whose holders see a patient's pathway steps in their worklist: the coordinator and the GP. */
const CASELOAD_ROLES = ['coordinator', 'medecin_traitant'];

/**
 * The pathway worklist over a caseload: from the practitioner's care-team rows (coordinator or GP),
 * each patient's open occurrences are read on `pathway_occurrences_open (patient_id, due_at)` up to the
 * horizon, so the cost follows the caseload, not the territory. Ruptures come first, then by due date.
 * The page is chosen first, on indexes alone, so that its audit rows can be written while its rows
 * are read in full.
 */
export function createSqlPathwayWorklist(db: Kysely<Database>): PathwayWorklistReader {
  const caseload = (practitionerId: string, today: string) =>
    db
      .selectFrom('care_team_members as me')
      .select('me.patient_id')
      .where('me.practitioner_id', '=', practitionerId)
      .where('me.role', 'in', CASELOAD_ROLES)
      .where(activeOn('me', today));

  return {
    async worklistPage(practitionerId, query, on) {
      const today = isoDate(on);
      // The page is chosen on the open-occurrence index alone; worklistRows reads its rows in full.
      let scan = db
        .selectFrom('pathway_occurrences as o')
        .select(['o.patient_id', 'o.id'])
        .where('o.patient_id', 'in', caseload(practitionerId, today))
        .where(sql<boolean>`o.status in ('scheduled', 'due', 'rupture')`)
        // A rupture is past its due date, which is before the horizon: one range covers both.
        .where('o.due_at', '<', query.dueBefore);
      if (query.templateId !== undefined) scan = scan.where('o.template_id', '=', query.templateId);
      if (query.stepId !== undefined) scan = scan.where('o.step_id', '=', query.stepId);
      if (query.role !== undefined) scan = scan.where('o.role', '=', query.role);
      if (query.practitionerId !== undefined)
        scan = scan.where(mustActFilter(sql`pr.id = ${query.practitionerId}`, today));
      if (query.organizationId !== undefined)
        scan = scan.where(mustActFilter(sql`pr.organization_id = ${query.organizationId}`, today));
      const page = scan
        .orderBy(sql`o.late_at <= ${on}`, 'desc')
        .orderBy('o.due_at')
        .orderBy('o.id')
        .limit(query.limit)
        .compile();
      // Its text varies only with the filters given: one prepared statement per combination of them.
      const { rows } = await db.executeQuery(preparedPerShape('pathway-worklist-page', page));
      return rows.map((key) => ({ patientId: key.patient_id, occurrenceId: key.id }));
    },

    async worklistRows(keys, on) {
      if (keys.length === 0) return [];
      const page = sql<{ patient_id: string; id: string; n: string }>`(select * from unnest(
        ${keys.map((key) => key.patientId)}::uuid[], ${keys.map((key) => key.occurrenceId)}::uuid[]
      ) with ordinality as k (patient_id, id, n))`;
      // One statement: the page's rows in full, their patients' names and active care teams. Its
      // text never varies (the page comes as arrays), so it is prepared: planned once per connection.
      const query = db
        .selectFrom(page.as('page'))
        .innerJoin('pathway_occurrences as full', (join) =>
          join.onRef('full.patient_id', '=', 'page.patient_id').onRef('full.id', '=', 'page.id'),
        )
        .innerJoin('patients as p', 'p.patient_id', 'page.patient_id')
        .selectAll('full')
        .select(
          sql<string>`coalesce(p.used_given_name, p.first_given_name) || ' ' || coalesce(p.used_family_name, p.birth_family_name)`.as(
            'patient_name',
          ),
        )
        .select(actorsOf(isoDate(on)).as('care_team'))
        .orderBy('page.n')
        .compile();
      const { rows } = await db.executeQuery(preparedAs('pathway-worklist-rows', query));
      return rows.map((row) => {
        const team = row.care_team;
        return {
          occurrence: occurrenceOf(row),
          patientName: row.patient_name,
          roleHolders: team.filter((m) => m.role === row.role).map(actorOf),
          coordinators: team.filter((m) => m.role === 'coordinator').map(actorOf),
        };
      });
    },

    async adherenceByTemplate(practitionerId, on) {
      const rows = await db
        .selectFrom('pathway_occurrences as o')
        .select('o.template_id')
        .select([
          sql<string>`count(*) filter (where o.status = 'done' and o.completed_at < o.late_at)`.as('on_time'),
          sql<string>`count(*) filter (where o.status = 'done' and o.completed_at >= o.late_at)`.as('late'),
          sql<string>`count(*) filter (where o.status in ('scheduled', 'due', 'rupture') and o.late_at <= ${on})`.as(
            'missing',
          ),
        ])
        .where('o.patient_id', 'in', caseload(practitionerId, isoDate(on)))
        .groupBy('o.template_id')
        .orderBy('o.template_id')
        .execute();
      return rows.map((row) => ({
        templateId: row.template_id,
        doneOnTime: Number(row.on_time),
        doneLate: Number(row.late),
        missing: Number(row.missing),
      }));
    },
  };
}

/**
 * Whether a professional matching `who` must act on the occurrence `o`: they hold its role, or they
 * coordinate the patient and nobody holds the role (worklist.ts's whoMustAct, in SQL).
 */
function mustActFilter(who: RawBuilder<unknown>, today: string): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 from care_team_members m join practitioners pr on pr.id = m.practitioner_id
    where m.patient_id = o.patient_id and ${activeOn('m', today)} and ${who}
      and (m.role = o.role or (m.role = 'coordinator' and not exists (select 1 from care_team_members h
        where h.patient_id = o.patient_id and h.role = o.role and ${activeOn('h', today)}))))`;
}

/** A care-team member as the worklist statement returns it (JSON). */
interface TeamMember {
  readonly role: string;
  readonly practitionerId: string;
  readonly name: string;
  readonly organizationId: string | null;
}

const actorOf = ({ practitionerId, name, organizationId }: TeamMember): Actor => ({
  practitionerId,
  name,
  organizationId,
});

/**
 * Those of the page row's patient's active care team who may have to act on its step (the holders of
 * its role, the coordinators), with names and organisations, as a JSON array.
 */
function actorsOf(today: string): RawBuilder<TeamMember[]> {
  return sql<
    TeamMember[]
  >`(select coalesce(json_agg(json_build_object('role', m.role, 'practitionerId', pr.id,
      'name', pr.given_name || ' ' || pr.family_name, 'organizationId', pr.organization_id)), '[]')
    from care_team_members m join practitioners pr on pr.id = m.practitioner_id
    where m.patient_id = page.patient_id and m.role in ("full".role, 'coordinator') and ${activeOn('m', today)})`;
}
