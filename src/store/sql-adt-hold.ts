import { sql, type Transaction } from 'kysely';
import type { StoredAdtMessage } from '../domain/adt-inbox/adt-applier.ts';
import type { AdtEvent } from '../domain/hl7/adt-event.ts';
import type { NewId } from '../domain/shared/new-id.ts';
import type { UncertainReason } from '../domain/stays/patient-matching.ts';
import type { Database } from './database-schema.ts';

/**
 * The apply path's side of the matching queue: open an item for a human, and hold a message behind
 * the item that waits for the same hospital patient, so that messages still apply in arrival order.
 */

/**
 * The pending item of the facility that shares an identifier with `keys`, locked: a human resolving it
 * at the same moment finishes first (and applies what was held), then this message sees it resolved.
 */
export async function pendingItemFor(
  trx: Transaction<Database>,
  facility: string,
  keys: readonly string[],
): Promise<string | null> {
  if (keys.length === 0) return null;
  const row = await trx
    .selectFrom('adt_match_queue')
    .select('id')
    .where('status', '=', 'pending')
    .where('facility', '=', facility)
    .where(sql<boolean>`local_keys && ${sql.val(keys)}::text[]`)
    .orderBy('created_at')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Whether a human already set this hospital patient aside (not one of Relais's patients). */
export async function dismissedBefore(
  trx: Transaction<Database>,
  facility: string,
  keys: readonly string[],
): Promise<boolean> {
  if (keys.length === 0) return false;
  const row = await trx
    .selectFrom('adt_match_queue')
    .select('id')
    .where('status', '=', 'dismissed')
    .where('facility', '=', facility)
    .where(sql<boolean>`local_keys && ${sql.val(keys)}::text[]`)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Opens a queue item for the message and holds the message behind it; returns the item's id. */
export async function openQueueItem(
  trx: Transaction<Database>,
  message: StoredAdtMessage,
  event: AdtEvent,
  found: {
    readonly keys: readonly string[];
    readonly reason: UncertainReason;
    readonly candidates: readonly string[];
  },
  context: { readonly at: Date; readonly newId: NewId },
): Promise<string> {
  const id = context.newId();
  await trx
    .insertInto('adt_match_queue')
    .values({
      id,
      message_id: message.id,
      facility: event.facility,
      event: event.event,
      local_keys: [...found.keys],
      local_ids: JSON.stringify([...event.localIds, ...event.mergedLocalIds]),
      traits: JSON.stringify(event.traits),
      candidate_ids: [...found.candidates],
      reason: found.reason,
      created_at: context.at,
    })
    .execute();
  await holdBehind(trx, message, id, context.at);
  return id;
}

/** Keeps the message (as received) until the item is resolved, then it is applied in arrival order. */
export async function holdBehind(
  trx: Transaction<Database>,
  message: StoredAdtMessage,
  queueId: string,
  at: Date,
): Promise<void> {
  await trx
    .insertInto('adt_held_messages')
    .values({
      message_id: message.id,
      queue_id: queueId,
      seq: message.seq,
      facility: message.facility,
      application: message.application,
      control_id: message.controlId,
      event: message.event,
      version: message.version,
      raw: message.raw,
      received_at: message.receivedAt,
      held_at: at,
    })
    .onConflict((oc) => oc.column('message_id').doNothing())
    .execute();
}
