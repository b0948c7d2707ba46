import { sql, type Kysely } from 'kysely';
import type { AdtApplyOutcome, StoredAdtMessage } from '../domain/adt-inbox/adt-applier.ts';
import type {
  AdtInboxQueue,
  AdtInboxWriter,
  InboxArrival,
  InboxStoreResult,
} from '../domain/adt-inbox/adt-inbox-ports.ts';
import { shorten } from '../domain/shared/shorten.ts';
import type { Database } from './database-schema.ts';

const keyOf = (facility: string, controlId: string) => `${facility}\u0000${controlId}`;

/** The ADT inbox on `hl7_messages` (migration 0011): the wire's writer and the apply loop's queue. */
export function createSqlAdtInbox(db: Kysely<Database>): AdtInboxWriter & AdtInboxQueue {
  return {
    async store(arrivals) {
      // The first of a key in the batch is the one inserted; later ones answer like repeats.
      const firstOfKey = new Map<string, InboxArrival>();
      for (const arrival of arrivals) {
        const key = keyOf(arrival.facility, arrival.controlId);
        if (!firstOfKey.has(key)) firstOfKey.set(key, arrival);
      }
      const inserted = await insertNew(db, [...firstOfKey.values()]);
      const earlier = await storedAcks(
        db,
        [...firstOfKey.values()].filter((arrival) => !inserted.has(arrival.id)),
      );
      return arrivals.map((arrival): InboxStoreResult => {
        if (inserted.has(arrival.id)) return { stored: true };
        const key = keyOf(arrival.facility, arrival.controlId);
        const first = firstOfKey.get(key);
        const ackText = first !== undefined && inserted.has(first.id) ? first.ackText : earlier.get(key);
        if (ackText === undefined) throw new Error(`hl7 message ${arrival.id}: neither stored nor found`);
        return { stored: false, ackText };
      });
    },

    async waiting(limit) {
      const rows = await db
        .selectFrom('hl7_messages')
        .select([
          'id',
          'seq',
          'facility',
          'application',
          'control_id',
          'event',
          'version',
          'raw',
          'received_at',
        ])
        .where('status', '=', 'received')
        .orderBy('seq')
        .limit(limit)
        .execute();
      return rows.map((row): StoredAdtMessage => ({
        id: row.id,
        seq: row.seq,
        facility: row.facility,
        application: row.application,
        controlId: row.control_id,
        event: row.event,
        version: row.version,
        raw: row.raw,
        receivedAt: row.received_at,
      }));
    },

    async recordOutcome(id, outcome: AdtApplyOutcome, at) {
      const reason = outcome.status === 'applied' ? (outcome.note ?? null) : outcome.reason;
      await db
        .updateTable('hl7_messages')
        .set({
          status: outcome.status,
          status_reason: reason === null ? null : shorten(reason, 1000),
          patient_id: outcome.status === 'applied' ? outcome.patientId : null,
          applied_at: at,
        })
        .where('id', '=', id)
        .where('status', '=', 'received')
        .execute();
    },
  };
}

/**
 * One insert for the whole batch, one array per column (the statement's size does not grow with the
 * batch); a key already stored is skipped, not an error. Returns the ids actually inserted.
 */
async function insertNew(db: Kysely<Database>, arrivals: readonly InboxArrival[]): Promise<Set<string>> {
  if (arrivals.length === 0) return new Set();
  const column = <T>(pick: (arrival: InboxArrival) => T) => arrivals.map(pick);
  const { rows } = await sql<{ id: string }>`
    insert into hl7_messages
      (id, facility, application, control_id, event, message_type, version, raw, received_at,
       ack_code, ack_text, status, status_reason)
    select * from unnest(
      ${column((a) => a.id)}::uuid[],
      ${column((a) => a.facility)}::text[],
      ${column((a) => shorten(a.application, 200))}::text[],
      ${column((a) => a.controlId)}::text[],
      ${column((a) => shorten(a.event, 20))}::text[],
      ${column((a) => shorten(a.messageType, 100))}::text[],
      ${column((a) => shorten(a.version, 50))}::text[],
      ${column((a) => a.raw)}::text[],
      ${column((a) => a.receivedAt.toISOString())}::timestamptz[],
      ${column((a) => a.ackCode)}::text[],
      ${column((a) => a.ackText)}::text[],
      ${column((a) => a.status)}::text[],
      ${column((a) => (a.statusReason === null ? null : shorten(a.statusReason, 1000)))}::text[]
    )
    on conflict (facility, control_id) do nothing
    returning id`.execute(db);
  return new Set(rows.map((row) => row.id));
}

/** The ACKs kept with the messages already stored under these arrivals' keys. */
async function storedAcks(
  db: Kysely<Database>,
  arrivals: readonly InboxArrival[],
): Promise<Map<string, string>> {
  if (arrivals.length === 0) return new Map();
  const { rows } = await sql<{ facility: string; control_id: string; ack_text: string }>`
    select m.facility, m.control_id, m.ack_text
      from hl7_messages m
      join unnest(${arrivals.map((a) => a.facility)}::text[], ${arrivals.map((a) => a.controlId)}::text[])
        as k (facility, control_id)
        on m.facility = k.facility and m.control_id = k.control_id`.execute(db);
  return new Map(rows.map((row) => [keyOf(row.facility, row.control_id), row.ack_text]));
}
