import { sql, type Kysely } from 'kysely';
import type { CareTeamRole } from '../domain/care-team/care-team-role.ts';
import type { PathwayProgressStore } from '../domain/pathways/pathway-ports.ts';
import { isoDate } from '../domain/shared/clock.ts';
import { activeOn } from './active-care-team.ts';
import type { Database } from './database-schema.ts';
import {
  enrolmentOf,
  enrolmentRow,
  OCCURRENCE_COLUMNS,
  occurrenceOf,
  occurrenceRow,
} from './pathway-rows.ts';
import { insertEvents } from './write-transaction.ts';
import { createUnnestInsert } from './unnest-insert.ts';

// Written as literals, like the partial indexes' predicates (0009-pathways.ts), so the planner matches them.
const OPEN = sql<boolean>`status in ('scheduled', 'due', 'rupture')`;

/** The system side of pathways: every write idempotent, so a replayed journal batch changes nothing twice. */
export function createSqlPathwayProgressStore(db: Kysely<Database>): PathwayProgressStore {
  const insert = createUnnestInsert('pathway-progress');
  return {
    async activeEnrolments(patientIds) {
      if (patientIds.length === 0) return [];
      const rows = await db
        .selectFrom('pathway_enrolments')
        .selectAll()
        .where('patient_id', 'in', patientIds)
        .where('status', '=', 'active')
        .execute();
      return rows.map(enrolmentOf);
    },

    async openOccurrences(patientIds, steps) {
      if (patientIds.length === 0 || steps.length === 0) return [];
      // The steps are picked on pathway_occurrences_open (it holds template_id and step_id), so only
      // the occurrences that may match are read in full.
      const rows = await db
        .selectFrom('pathway_occurrences')
        .select(OCCURRENCE_COLUMNS)
        .where(
          sql<boolean>`(patient_id, id) in (select patient_id, id from pathway_occurrences
            where patient_id = any(${patientIds}::uuid[]) and ${OPEN}
              and (template_id, step_id) in (select * from unnest(${steps.map((s) => s.templateId)}::text[], ${steps.map((s) => s.stepId)}::text[])))`,
        )
        .execute();
      return rows.map(occurrenceOf);
    },

    async applyProgress({ enrolments, completions, created }) {
      await db.transaction().execute(async (trx) => {
        const enrolled = new Set<string>();
        if (enrolments.length > 0) {
          // A patient already following the template (a replay, or by hand) keeps that enrolment.
          const inserted = await trx
            .insertInto('pathway_enrolments')
            .values(enrolments.map(({ enrolment }) => enrolmentRow(enrolment)))
            .onConflict((conflict) =>
              conflict.columns(['patient_id', 'template_id']).where('status', '<>', 'ended').doNothing(),
            )
            .returning('id')
            .execute();
          for (const row of inserted) enrolled.add(row.id);
        }
        const newEnrolments = enrolments.filter(({ enrolment }) => enrolled.has(enrolment.id));
        const completed = new Set<string>();
        if (completions.length > 0) {
          const column = <T>(pick: (c: (typeof completions)[number]) => T) => completions.map(pick);
          const updated = await sql<{ id: string }>`
            update pathway_occurrences o
               set status = 'done', completed_at = u.completed_at, evidence_kind = u.kind,
                   evidence_id = u.evidence_id, evidence_label = u.label
              from unnest(${column((c) => c.occurrence.patientId)}::uuid[], ${column((c) => c.occurrence.id)}::uuid[],
                          ${column((c) => c.occurrence.completedAt)}::timestamptz[],
                          ${column((c) => c.occurrence.evidence?.kind ?? null)}::text[],
                          ${column((c) => c.occurrence.evidence?.id ?? null)}::text[],
                          ${column((c) => c.occurrence.evidence?.label ?? null)}::text[])
                   as u (patient_id, id, completed_at, kind, evidence_id, label)
             where o.patient_id = u.patient_id and o.id = u.id and o.status in ('scheduled', 'due', 'rupture')
            returning o.id`.execute(trx);
          for (const row of updated.rows) completed.add(row.id);
        }
        await insert(
          trx,
          'pathway_occurrences',
          [...newEnrolments.flatMap(({ occurrences }) => occurrences), ...created].map(occurrenceRow),
          { onConflictDoNothing: true },
        );
        await insertEvents(trx, [
          ...newEnrolments.map(({ event }) => event),
          ...completions.filter((c) => completed.has(c.occurrence.id)).map(({ event }) => event),
        ]);
      });
    },

    async dueForTransition(now, limit) {
      // Two ordered range scans on the partial indexes, each stopping at `now` or the limit.
      const rows = await sql<{ patient_id: string; id: string }>`
        (select patient_id, id from pathway_occurrences
          where status = 'scheduled' and due_at <= ${now} order by due_at limit ${limit})
        union
        (select patient_id, id from pathway_occurrences
          where status in ('scheduled', 'due') and late_at <= ${now} order by late_at limit ${limit})
        limit ${limit}`.execute(db);
      if (rows.rows.length === 0) return [];
      const occurrences = await db
        .selectFrom('pathway_occurrences')
        .select(OCCURRENCE_COLUMNS)
        .where(
          sql<boolean>`(patient_id, id) in (select * from unnest(${rows.rows.map((r) => r.patient_id)}::uuid[], ${rows.rows.map((r) => r.id)}::uuid[]))`,
        )
        .execute();
      return occurrences.map(occurrenceOf);
    },

    async applyTransitions(transitions) {
      if (transitions.length === 0) return;
      await db.transaction().execute(async (trx) => {
        const column = <T>(pick: (t: (typeof transitions)[number]) => T) => transitions.map(pick);
        const updated = await sql<{ id: string }>`
          update pathway_occurrences o set status = u.next
            from unnest(${column((t) => t.occurrence.patientId)}::uuid[], ${column((t) => t.occurrence.id)}::uuid[],
                        ${column((t) => t.occurrence.status)}::text[], ${column((t) => t.to)}::text[])
                 as u (patient_id, id, previous, next)
           where o.patient_id = u.patient_id and o.id = u.id and o.status = u.previous
          returning o.id`.execute(trx);
        const moved = new Set(updated.rows.map((row) => row.id));
        await insertEvents(
          trx,
          transitions.filter((t) => moved.has(t.occurrence.id)).map((t) => t.event),
        );
      });
    },

    async heldRoles(patientIds, on) {
      const held = new Map<string, Set<CareTeamRole>>();
      if (patientIds.length === 0) return held;
      const rows = await db
        .selectFrom('care_team_members as m')
        .select(['m.patient_id', 'm.role'])
        .where('m.patient_id', 'in', patientIds)
        .where(activeOn('m', isoDate(on)))
        .execute();
      for (const row of rows) {
        const roles = held.get(row.patient_id) ?? new Set<CareTeamRole>();
        roles.add(row.role as CareTeamRole);
        held.set(row.patient_id, roles);
      }
      return held;
    },
  };
}
