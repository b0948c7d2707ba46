import { sql, type Kysely } from 'kysely';
import type { ReferralClockStore } from '../domain/referrals/referral-ports.ts';
import { isoDate } from '../domain/shared/clock.ts';
import { activeOn } from './active-care-team.ts';
import type { Database } from './database-schema.ts';
import { OPEN_REFERRAL, referralViewOf, selectReferralViews } from './sql-referral-views.ts';
import { insertEvents, inTransaction } from './write-transaction.ts';

/**
 * The SLA clocks of open referrals. Each scan reads a small partial index (0007-referrals.ts):
 * open and not marked overdue, by due date; overdue and not escalated, by escalation date.
 */
export function createSqlReferralClocks(db: Kysely<Database>): ReferralClockStore {
  return {
    async dueForOverdue(now, limit) {
      const rows = await selectReferralViews(db)
        .where(OPEN_REFERRAL)
        .where('r.overdue_at', 'is', null)
        .where('r.due_at', '<=', now)
        .orderBy('r.due_at')
        .limit(limit)
        .execute();
      return rows.map(referralViewOf);
    },

    async dueForEscalation(now, limit) {
      const rows = await selectReferralViews(db)
        .where(OPEN_REFERRAL)
        .where('r.overdue_at', 'is not', null)
        .where('r.escalated_at', 'is', null)
        .where('r.escalate_at', '<=', now)
        .orderBy('r.escalate_at')
        .limit(limit)
        .execute();
      return rows.map(referralViewOf);
    },

    async withCoordinator(patientIds, on) {
      if (patientIds.length === 0) return new Set();
      const rows = await db
        .selectFrom('care_team_members as m')
        .select('m.patient_id')
        .distinct()
        .where('m.patient_id', 'in', [...patientIds])
        .where('m.role', '=', 'coordinator')
        .where(activeOn('m', isoDate(on)))
        .execute();
      return new Set(rows.map((row) => row.patient_id));
    },

    async mark(kind, marks, at) {
      if (marks.length === 0) return 0;
      const column = kind === 'overdue' ? sql.ref('overdue_at') : sql.ref('escalated_at');
      return inTransaction(db, async (trx) => {
        // One statement for the batch; a referral whose stage moved on since it was read (another
        // stage start) or that is already marked is left alone, and gets no event.
        const marked = await sql<{ id: string }>`
          update referrals r set ${column} = ${at}
          from unnest(${marks.map((m) => m.view.referral.patientId)}::uuid[],
                      ${marks.map((m) => m.view.referral.id)}::uuid[],
                      ${marks.map((m) => m.view.clock?.startedAt.toISOString() ?? null)}::timestamptz[])
            as m(patient_id, id, stage_started_at)
          where r.patient_id = m.patient_id and r.id = m.id and r.stage_started_at = m.stage_started_at
            and r.${column} is null
          returning r.id`.execute(trx);
        const ids = new Set(marked.rows.map((row) => row.id));
        await insertEvents(
          trx,
          marks.filter((m) => ids.has(m.view.referral.id)).map((m) => m.event),
        );
        return ids.size;
      });
    },
  };
}
