import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DomainEvent, EventType } from '../../src/domain/journal/domain-event.ts';
import type { Database } from '../../src/store/database-schema.ts';
import { addEventRow, type RowsByTable } from '../../src/store/entry-rows.ts';

/** An event for tests, e.g. a discharge or a missed appointment that no use case emits yet. */
export function testEvent(
  type: EventType,
  patientId: string | null,
  payload: DomainEvent['payload'] = {},
  occurredAt = new Date(),
): DomainEvent {
  return { id: randomUUID(), type, patientId, actorAccountId: null, occurredAt, payload };
}

/** Appends events to the journal in one transaction, as a use case's write would. */
export async function appendEvents(db: Kysely<Database>, events: readonly DomainEvent[]): Promise<void> {
  const rows: RowsByTable = {};
  for (const event of events) addEventRow(rows, event);
  if (rows.events !== undefined) await db.insertInto('events').values(rows.events).execute();
}
