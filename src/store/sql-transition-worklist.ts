import { sql, type Kysely } from 'kysely';
import { isoDate } from '../domain/shared/clock.ts';
import type { TeamMember, TransitionWorklistReader } from '../domain/transitions/transition-ports.ts';
import { activeOn } from './active-care-team.ts';
import type { Database } from './database-schema.ts';
import { stayOf } from './sql-stays.ts';
import { itemOf } from './sql-transition-rows.ts';

const PATIENT_NAME = sql<string>`coalesce(p.used_given_name, p.first_given_name) || ' ' || coalesce(p.used_family_name, p.birth_family_name)`;

/**
 * The hospitalisation worklist and indicators over a caseload: the patients whose active care team
 * the practitioner is in. Current inpatients come from the `stays_current` partial index, items
 * from open transitions only.
 */
export function createSqlTransitionWorklist(db: Kysely<Database>): TransitionWorklistReader {
  const caseload = (practitionerId: string, today: string) =>
    db
      .selectFrom('care_team_members as me')
      .select('me.patient_id')
      .where('me.practitioner_id', '=', practitionerId)
      .where(activeOn('me', today));

  /** The active care team of each patient, with names. */
  const teams = async (patientIds: readonly string[], today: string) => {
    const team = new Map<string, TeamMember[]>();
    if (patientIds.length === 0) return team;
    const rows = await db
      .selectFrom('care_team_members as m')
      .innerJoin('practitioners as pr', 'pr.id', 'm.practitioner_id')
      .select(['m.patient_id', 'm.role', 'pr.id', 'pr.given_name', 'pr.family_name'])
      .where('m.patient_id', 'in', patientIds)
      .where(activeOn('m', today))
      .execute();
    for (const row of rows) {
      const members = team.get(row.patient_id) ?? [];
      members.push({ practitionerId: row.id, name: `${row.given_name} ${row.family_name}`, role: row.role });
      team.set(row.patient_id, members);
    }
    return team;
  };

  return {
    async inpatients(practitionerId, on) {
      const today = isoDate(on);
      const rows = await db
        .selectFrom('stays as s')
        .innerJoin('patients as p', 'p.patient_id', 's.patient_id')
        .selectAll('s')
        .select(PATIENT_NAME.as('patient_name'))
        .where('s.status', '=', 'admitted')
        .where('s.patient_id', 'in', caseload(practitionerId, today))
        .orderBy('s.admitted_at')
        .execute();
      const team = await teams([...new Set(rows.map((r) => r.patient_id))], today);
      return rows.map(({ patient_name, ...row }) => ({
        patientId: row.patient_id,
        patientName: patient_name,
        stay: stayOf(row),
        team: team.get(row.patient_id) ?? [],
      }));
    },

    async itemsNeedingAction(practitionerId, dueBefore, on) {
      const today = isoDate(on);
      const rows = await db
        .selectFrom('transition_items as i')
        .innerJoin('transitions as t', (join) =>
          join.onRef('t.patient_id', '=', 'i.patient_id').onRef('t.id', '=', 'i.transition_id'),
        )
        .innerJoin('patients as p', 'p.patient_id', 'i.patient_id')
        .selectAll('i')
        .select(['t.stay_id', PATIENT_NAME.as('patient_name')])
        .where('t.status', '=', 'open')
        .where((eb) =>
          eb.or([
            eb('i.status', '=', 'late'),
            eb.and([eb('i.status', '=', 'pending'), eb('i.due_at', '<', dueBefore)]),
          ]),
        )
        .where('i.patient_id', 'in', caseload(practitionerId, today))
        .orderBy(sql`i.status = 'late'`, 'desc')
        .orderBy('i.due_at')
        .execute();
      if (rows.length === 0) return [];
      const patientIds = [...new Set(rows.map((r) => r.patient_id))];
      const [team, stays] = await Promise.all([
        teams(patientIds, today),
        db
          .selectFrom('stays')
          .selectAll()
          .where('patient_id', 'in', patientIds)
          .where('id', 'in', [...new Set(rows.map((r) => r.stay_id))])
          .execute(),
      ]);
      return rows.flatMap(({ patient_name, stay_id, ...row }) => {
        const stay = stays.find((s) => s.patient_id === row.patient_id && s.id === stay_id);
        return stay === undefined
          ? []
          : [
              {
                patientId: row.patient_id,
                patientName: patient_name,
                stay: stayOf(stay),
                item: itemOf(row),
                team: team.get(row.patient_id) ?? [],
              },
            ];
      });
    },

    async indicatorFacts(practitionerId, from, to, on) {
      const rows = await db
        .selectFrom('transitions as t')
        .leftJoin('transition_items as i', (join) =>
          join
            .onRef('i.patient_id', '=', 't.patient_id')
            .onRef('i.transition_id', '=', 't.id')
            .on('i.kind', 'in', ['discharge-letter', 'follow-up-visit']),
        )
        .select(['t.id as of_transition', 't.discharged_at as transition_discharged_at'])
        .selectAll('i')
        .where('t.status', '<>', 'cancelled')
        .where('t.discharged_at', '>=', from)
        .where('t.discharged_at', '<', to)
        .where('t.patient_id', 'in', caseload(practitionerId, isoDate(on)))
        .execute();
      const byTransition = new Map<string, { dischargedAt: Date; rows: typeof rows }>();
      for (const row of rows) {
        const entry = byTransition.get(row.of_transition) ?? {
          dischargedAt: row.transition_discharged_at,
          rows: [],
        };
        entry.rows.push(row);
        byTransition.set(row.of_transition, entry);
      }
      const item = (of: typeof rows, kind: string) => {
        const found = of.find((row) => row.kind === kind);
        return found === undefined || found.id === null
          ? null
          : itemOf(found as Parameters<typeof itemOf>[0]);
      };
      return [...byTransition.values()].map(({ dischargedAt, rows: of }) => ({
        dischargedAt,
        letter: item(of, 'discharge-letter'),
        followUp: item(of, 'follow-up-visit'),
      }));
    },
  };
}
