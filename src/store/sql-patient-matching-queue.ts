import type { Kysely } from 'kysely';
import type { AdtApplyOutcome } from '../domain/adt-inbox/adt-applier.ts';
import type { AdtTraits, LocalPatientId } from '../domain/hl7/adt-event.ts';
import { isoDate } from '../domain/shared/clock.ts';
import { DomainError } from '../domain/shared/domain-error.ts';
import type { CoordinationFacts, MatchQueueStore } from '../domain/stays/patient-matching-queue.ts';
import { activeOn } from './active-care-team.ts';
import type { Database } from './database-schema.ts';
import { applyAdtMessage, type AdtApplierDeps } from './sql-adt-applier.ts';
import { inTransaction } from './write-transaction.ts';

/** The matching queue's store: pending items with their candidates, and resolution with replay. */
export function createSqlMatchQueueStore(db: Kysely<Database>, deps: AdtApplierDeps): MatchQueueStore {
  return {
    async pending(limit) {
      const items = await db
        .selectFrom('adt_match_queue as q')
        .selectAll('q')
        .select((eb) =>
          eb
            .selectFrom('adt_held_messages as h')
            .select((inner) => inner.fn.countAll<string>().as('n'))
            .whereRef('h.queue_id', '=', 'q.id')
            .as('held'),
        )
        .where('q.status', '=', 'pending')
        .orderBy('q.created_at')
        .orderBy('q.id')
        .limit(limit)
        .execute();
      const ids = [...new Set(items.flatMap((item) => item.candidate_ids))];
      const patients =
        ids.length === 0
          ? []
          : await db
              .selectFrom('patients')
              .select([
                'patient_id as patientId',
                'ins_matricule as insMatricule',
                'birth_family_name as birthFamilyName',
                'first_given_name as firstGivenName',
                'used_family_name as usedFamilyName',
                'birth_date as birthDate',
                'sex',
              ])
              .where('patient_id', 'in', ids)
              .execute();
      return items.map((item) => ({
        id: item.id,
        facility: item.facility,
        event: item.event,
        createdAt: item.created_at,
        reason: item.reason,
        localIds: item.local_ids as LocalPatientId[],
        traits: item.traits as AdtTraits,
        candidates: item.candidate_ids.flatMap((id) => patients.filter((p) => p.patientId === id)),
        heldMessages: Number(item.held ?? 0),
      }));
    },

    async item(id) {
      const row = await db
        .selectFrom('adt_match_queue')
        .select(['status', 'candidate_ids'])
        .where('id', '=', id)
        .executeTakeFirst();
      return row === undefined ? null : { status: row.status, candidateIds: row.candidate_ids };
    },

    resolve(id, decision, at) {
      return inTransaction(db, async (trx) => {
        const item = await trx
          .selectFrom('adt_match_queue')
          .select('status')
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirst();
        if (item === undefined) throw new DomainError('not-found', `no matching-queue item ${id}`);
        if (item.status !== 'pending')
          throw new DomainError('conflict', `the item is already ${item.status}`);
        await trx
          .updateTable('adt_match_queue')
          .set({
            status: decision.kind,
            resolved_by: decision.accountId,
            resolved_at: at,
            patient_id: decision.kind === 'linked' ? decision.patientId : null,
            dismiss_reason: decision.kind === 'dismissed' ? decision.reason : null,
          })
          .where('id', '=', id)
          .execute();
        const held = await trx
          .selectFrom('adt_held_messages')
          .selectAll()
          .where('queue_id', '=', id)
          .orderBy('seq')
          .execute();
        const outcomes: AdtApplyOutcome[] = [];
        // In arrival order, in this transaction: the apply loop, meeting this item meanwhile, waits
        // on its lock and then finds it resolved, so nothing overtakes the held messages.
        for (const row of held) {
          const message = {
            id: row.message_id,
            seq: row.seq,
            facility: row.facility,
            application: row.application,
            controlId: row.control_id,
            event: row.event,
            version: row.version,
            raw: row.raw,
            receivedAt: row.received_at,
          };
          outcomes.push(
            await applyAdtMessage(
              trx,
              message,
              deps,
              decision.kind === 'linked'
                ? { kind: 'linked', patientId: decision.patientId, accountId: decision.accountId }
                : { kind: 'dismissed' },
            ),
          );
        }
        // Applied: the raw text (identities) need not stay here; the inbox keeps the message.
        await trx.deleteFrom('adt_held_messages').where('queue_id', '=', id).execute();
        return outcomes;
      });
    },
  };
}

/** Which of the patients the practitioner coordinates on a day (active care-team role `coordinator`). */
export function createSqlCoordinationFacts(db: Kysely<Database>): CoordinationFacts {
  return {
    async coordinatedAmong(practitionerId, patientIds, on) {
      if (patientIds.length === 0) return new Set();
      const rows = await db
        .selectFrom('care_team_members as m')
        .select('m.patient_id')
        .where('m.practitioner_id', '=', practitionerId)
        .where('m.role', '=', 'coordinator')
        .where('m.patient_id', 'in', [...new Set(patientIds)])
        .where(activeOn('m', isoDate(on)))
        .execute();
      return new Set(rows.map((row) => row.patient_id));
    },
  };
}
