import { sql, type Kysely } from 'kysely';
import type { DomainEvent, EventType } from '../domain/journal/domain-event.ts';
import type { JournalEntry, JournalFeed } from '../domain/journal/journal-feed.ts';
import type { Database } from './database-schema.ts';

interface EventRow {
  seq: string;
  tx: string;
  id: string;
  patient_id: string | null;
  type: string;
  actor_account_id: string | null;
  occurred_at: Date;
  payload: DomainEvent['payload'];
}

/** The journal for consumers: cursors and leases in `journal_cursors`, events in (tx, seq) order. */
export function createSqlJournalFeed(db: Kysely<Database>): JournalFeed {
  return {
    async claim(consumer, owner, leaseMs) {
      // One statement takes a free or expired lease (or renews ours) and reads the cursor; the
      // database clock decides expiry, so the processes' clocks need not agree.
      const result = await sql<{ last_tx: string; last_seq: string }>`
        insert into journal_cursors (consumer, owner, lease_until)
        values (${consumer}, ${owner}, now() + ${leaseMs} * interval '1 millisecond')
        on conflict (consumer) do update
          set owner = excluded.owner, lease_until = excluded.lease_until
          where journal_cursors.owner = excluded.owner
             or journal_cursors.owner is null
             or journal_cursors.lease_until < now()
        returning last_tx::text, last_seq::text
      `.execute(db);
      const row = result.rows[0];
      return row === undefined ? undefined : { tx: row.last_tx, seq: row.last_seq };
    },

    async readAfter(after, limit) {
      // pg_snapshot_xmin is the oldest transaction still running: every transaction below it has
      // ended, so the events it wrote are final and no later commit can sort before them.
      const result = await sql<EventRow>`
        select e.seq::text as seq, e.tx::text as tx, e.id, e.patient_id, e.type, e.actor_account_id,
               e.occurred_at, e.payload
        from events e
        where (e.tx, e.seq) > (${after.tx}::xid8, ${after.seq}::bigint)
          and e.tx < pg_snapshot_xmin(pg_current_snapshot())
        -- The columns, not the text aliases of the same names: '1000' sorts before '367'.
        order by e.tx, e.seq
        limit ${limit}
      `.execute(db);
      return result.rows.map(entryOf);
    },

    async head() {
      const result = await sql<{ tx: string; seq: string }>`
        select e.tx::text as tx, e.seq::text as seq from events e order by e.tx desc, e.seq desc limit 1
      `.execute(db);
      return result.rows[0];
    },

    async advance(consumer, owner, to, leaseMs) {
      const result = await sql`
        update journal_cursors
        set last_tx = ${to.tx}::xid8, last_seq = ${to.seq}::bigint, updated_at = now(),
            lease_until = now() + ${leaseMs} * interval '1 millisecond'
        where consumer = ${consumer} and owner = ${owner}
          and (last_tx, last_seq) <= (${to.tx}::xid8, ${to.seq}::bigint)
      `.execute(db);
      return Number(result.numAffectedRows ?? 0n) === 1;
    },

    async release(consumer, owner) {
      await db
        .updateTable('journal_cursors')
        .set({ owner: null, lease_until: null })
        .where('consumer', '=', consumer)
        .where('owner', '=', owner)
        .execute();
    },
  };
}

function entryOf(row: EventRow): JournalEntry {
  return {
    position: { tx: row.tx, seq: row.seq },
    event: {
      id: row.id,
      // The journal holds only types this code wrote (or an older version of it): read them as such.
      type: row.type as EventType,
      patientId: row.patient_id,
      actorAccountId: row.actor_account_id,
      occurredAt: row.occurred_at,
      payload: row.payload,
    },
  };
}
