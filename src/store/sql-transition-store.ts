import type { Kysely, Selectable } from 'kysely';
import type { TransitionStore } from '../domain/transitions/transition-ports.ts';
import type { Database, TransitionsTable } from './database-schema.ts';
import { createSqlPathwayProgressStore } from './sql-pathway-progress-store.ts';
import { itemRow, transitionRow, withItems } from './sql-transition-rows.ts';
import { inTransaction, insertEvents } from './write-transaction.ts';

/** The system side of transitions: writes conditional on the version, new ones keyed by their discharge. */
export function createSqlTransitionStore(db: Kysely<Database>): TransitionStore {
  const pathways = createSqlPathwayProgressStore(db);
  /** Transitions with all their items (a transition has a handful). */
  const loaded = async (rows: readonly Selectable<TransitionsTable>[]) => {
    if (rows.length === 0) return [];
    const items = await db
      .selectFrom('transition_items')
      .selectAll()
      .where('patient_id', 'in', [...new Set(rows.map((r) => r.patient_id))])
      .where(
        'transition_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    return withItems(rows, items);
  };

  return {
    async save({ transition, expectedVersion, items, events }) {
      return inTransaction(db, async (trx) => {
        const row = transitionRow(transition);
        if (expectedVersion === null) {
          // Either unique index (one per discharge event, one open per stay) makes a replay a no-op.
          const inserted = await trx
            .insertInto('transitions')
            .values(row)
            .onConflict((oc) => oc.doNothing())
            .returning('id')
            .executeTakeFirst();
          if (inserted === undefined) return false;
        } else {
          const updated = await trx
            .updateTable('transitions')
            .set({ status: row.status, closed_at: row.closed_at, version: row.version })
            .where('patient_id', '=', transition.patientId)
            .where('id', '=', transition.id)
            .where('version', '=', expectedVersion)
            .executeTakeFirst();
          if (updated.numUpdatedRows !== 1n) return false;
        }
        if (items.length > 0)
          await trx
            .insertInto('transition_items')
            .values(items.map(itemRow))
            .onConflict((oc) =>
              oc.columns(['patient_id', 'id']).doUpdateSet((eb) => ({
                status: eb.ref('excluded.status'),
                done_at: eb.ref('excluded.done_at'),
                done_by_account_id: eb.ref('excluded.done_by_account_id'),
                done_by_name: eb.ref('excluded.done_by_name'),
                evidence: eb.ref('excluded.evidence'),
                evidence_ref: eb.ref('excluded.evidence_ref'),
                task_id: eb.ref('excluded.task_id'),
              })),
            )
            .execute();
        await insertEvents(trx, events);
        return true;
      });
    },

    async openOfStay(patientId, stayId) {
      const rows = await db
        .selectFrom('transitions')
        .selectAll()
        .where('patient_id', '=', patientId)
        .where('stay_id', '=', stayId)
        .where('status', '=', 'open')
        .execute();
      return (await loaded(rows))[0] ?? null;
    },

    async openOfPatient(patientId) {
      const rows = await db
        .selectFrom('transitions')
        .selectAll()
        .where('patient_id', '=', patientId)
        .where('status', '=', 'open')
        .execute();
      return loaded(rows);
    },

    async fallingLate(now, limit) {
      const keys = await db
        .selectFrom('transition_items as i')
        .innerJoin('transitions as t', (join) =>
          join.onRef('t.patient_id', '=', 'i.patient_id').onRef('t.id', '=', 'i.transition_id'),
        )
        .select(['i.patient_id', 'i.transition_id'])
        .distinct()
        .where('i.status', '=', 'pending')
        .where('i.due_at', '<=', now)
        .where('t.status', '=', 'open')
        .limit(limit)
        .execute();
      if (keys.length === 0) return [];
      const rows = await db
        .selectFrom('transitions')
        .selectAll()
        .where(
          'id',
          'in',
          keys.map((k) => k.transition_id),
        )
        .where('patient_id', 'in', [...new Set(keys.map((k) => k.patient_id))])
        .execute();
      return loaded(rows);
    },

    activeEnrolments: (patientIds) => pathways.activeEnrolments(patientIds),
    heldRoles: (patientIds, on) => pathways.heldRoles(patientIds, on),

    async professionalOf(accountId) {
      const row = await db
        .selectFrom('accounts as a')
        .innerJoin('practitioners as p', 'p.id', 'a.practitioner_id')
        .select(['p.id', 'p.given_name', 'p.family_name'])
        .where('a.id', '=', accountId)
        .executeTakeFirst();
      return row === undefined
        ? null
        : { practitionerId: row.id, name: `${row.given_name} ${row.family_name}` };
    },
  };
}
