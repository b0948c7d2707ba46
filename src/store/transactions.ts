import type { Kysely, Transaction } from 'kysely';
import type { DomainEvent } from '../domain/journal/domain-event.ts';
import { translateConstraintError } from './constraint-errors.ts';
import type { Database } from './database-schema.ts';
import { eventRow } from './entry-rows.ts';

/** Runs `work` in one transaction; a broken constraint comes out as the domain error it stands for. */
export async function inTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  try {
    return await db.transaction().execute(work);
  } catch (error) {
    throw translateConstraintError(error) ?? error;
  }
}

/** Appends journal events in the caller's transaction (the outbox). */
export async function insertEvents(
  trx: Transaction<Database>,
  events: readonly DomainEvent[],
): Promise<void> {
  if (events.length > 0) await trx.insertInto('events').values(events.map(eventRow)).execute();
}
