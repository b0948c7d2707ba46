import { sql, type Kysely } from 'kysely';
import type { PathwayStore } from '../domain/pathways/pathway-ports.ts';
import { OPEN_STATUSES } from '../domain/pathways/step-occurrence.ts';
import { isUuid } from '../domain/shared/new-id.ts';
import type { Database } from './database-schema.ts';
import {
  enrolmentOf,
  enrolmentRow,
  OCCURRENCE_COLUMNS,
  occurrenceOf,
  occurrenceRow,
} from './pathway-rows.ts';
import { inTransaction, insertEvents } from './write-transaction.ts';
import { createUnnestInsert } from './unnest-insert.ts';

/** A patient's pathways for the use cases: each write in one transaction with its event. */
export function createSqlPathwayStore(db: Kysely<Database>): PathwayStore {
  const insert = createUnnestInsert('pathway');
  return {
    async enrol(scope, enrolment, occurrences, event) {
      await inTransaction(db, async (trx) => {
        await trx
          .insertInto('pathway_enrolments')
          .values(enrolmentRow({ ...enrolment, patientId: scope.patientId }))
          .execute();
        await insert(trx, 'pathway_occurrences', occurrences.map(occurrenceRow));
        await insertEvents(trx, [event]);
      });
    },

    async findEnrolment(scope, enrolmentId) {
      if (!isUuid(enrolmentId)) return undefined;
      const row = await db
        .selectFrom('pathway_enrolments')
        .selectAll()
        .where('patient_id', '=', scope.patientId)
        .where('id', '=', enrolmentId)
        .executeTakeFirst();
      return row === undefined ? undefined : enrolmentOf(row);
    },

    async changeEnrolment(scope, enrolment, steps, event) {
      return inTransaction(db, async (trx) => {
        const updated = await trx
          .updateTable('pathway_enrolments')
          .set({
            status: enrolment.status,
            paused_at: enrolment.pausedAt,
            ended_at: enrolment.endedAt,
            end_reason: enrolment.endReason,
            version: enrolment.version + 1,
          })
          .where('patient_id', '=', scope.patientId)
          .where('id', '=', enrolment.id)
          .where('version', '=', enrolment.version)
          .executeTakeFirst();
        if (updated.numUpdatedRows === 0n) return false;
        const own = trx
          .updateTable('pathway_occurrences')
          .where('patient_id', '=', scope.patientId)
          .where('enrolment_id', '=', enrolment.id);
        switch (steps.kind) {
          case 'hold':
            await own.set({ status: 'on-hold' }).where('status', 'in', OPEN_STATUSES).execute();
            break;
          case 'release': {
            // The pathway's clock stopped while paused: held steps move by the pause; the due scan re-reads them.
            const shift = sql<Date>`make_interval(secs => ${steps.shiftMs / 1000})`;
            await own
              .set({
                status: 'scheduled',
                trigger_at: sql`trigger_at + ${shift}`,
                earliest_at: sql`earliest_at + ${shift}`,
                due_at: sql`due_at + ${shift}`,
                late_at: sql`late_at + ${shift}`,
              })
              .where('status', '=', 'on-hold')
              .execute();
            break;
          }
          case 'cancel':
            await own
              .set({ status: 'cancelled' })
              .where('status', 'in', [...OPEN_STATUSES, 'on-hold'])
              .execute();
            break;
        }
        await insertEvents(trx, [event]);
        return true;
      });
    },

    async findOccurrence(scope, occurrenceId) {
      if (!isUuid(occurrenceId)) return undefined;
      const row = await db
        .selectFrom('pathway_occurrences')
        .select(OCCURRENCE_COLUMNS)
        .where('patient_id', '=', scope.patientId)
        .where('id', '=', occurrenceId)
        .executeTakeFirst();
      return row === undefined ? undefined : occurrenceOf(row);
    },

    async skip(scope, occurrence, event) {
      return inTransaction(db, async (trx) => {
        const updated = await trx
          .updateTable('pathway_occurrences')
          .set({
            status: 'skipped',
            completed_at: occurrence.completedAt,
            skip_reason: occurrence.skipReason,
            closed_by_account_id: occurrence.closedByAccountId,
          })
          .where('patient_id', '=', scope.patientId)
          .where('id', '=', occurrence.id)
          .where('status', 'in', OPEN_STATUSES)
          .executeTakeFirst();
        if (updated.numUpdatedRows === 0n) return false;
        await insertEvents(trx, [event]);
        return true;
      });
    },

    async patientPathways(scope) {
      const [enrolments, occurrences] = await Promise.all([
        db
          .selectFrom('pathway_enrolments')
          .selectAll()
          .where('patient_id', '=', scope.patientId)
          .orderBy('start_at')
          .execute(),
        db
          .selectFrom('pathway_occurrences')
          .select(OCCURRENCE_COLUMNS)
          .where('patient_id', '=', scope.patientId)
          .orderBy('due_at')
          .execute(),
      ]);
      return { enrolments: enrolments.map(enrolmentOf), occurrences: occurrences.map(occurrenceOf) };
    },
  };
}
