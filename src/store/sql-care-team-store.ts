import { sql, type Kysely } from 'kysely';
import type { CareTeamStore } from '../domain/care-team/care-team-ports.ts';
import { DomainError } from '../domain/shared/domain-error.ts';
import type { Database } from './database-schema.ts';
import { inTransaction, insertEvents } from './write-transaction.ts';

/** A patient's care-team memberships beyond adding one (the record writer's entry): ending them. */
export function createSqlCareTeamStore(db: Kysely<Database>): CareTeamStore {
  return {
    async findMembership(scope, memberId) {
      const row = await db
        .selectFrom('care_team_members as m')
        .innerJoin('practitioners as p', 'p.id', 'm.practitioner_id')
        .select([
          'm.id',
          'm.practitioner_id',
          sql<string>`p.given_name || ' ' || p.family_name`.as('name'),
          'm.role',
          'm.ended_on',
        ])
        .where('m.patient_id', '=', scope.patientId)
        .where('m.id', '=', memberId)
        .executeTakeFirst();
      return row === undefined
        ? undefined
        : {
            id: row.id,
            practitionerId: row.practitioner_id,
            name: row.name,
            role: row.role,
            endedOn: row.ended_on,
          };
    },

    async endMembership(scope, memberId, on, event) {
      await inTransaction(db, async (trx) => {
        const result = await trx
          .updateTable('care_team_members')
          .set({ ended_on: on })
          .where('patient_id', '=', scope.patientId)
          .where('id', '=', memberId)
          .where('ended_on', 'is', null)
          .executeTakeFirst();
        if (result.numUpdatedRows === 0n)
          throw new DomainError('conflict', 'this membership ended meanwhile: reload and try again');
        await insertEvents(trx, [event]);
      });
    },
  };
}
