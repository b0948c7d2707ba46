import type { Kysely, Transaction } from 'kysely';
import type { DomainEvent } from '../domain/journal/domain-event.ts';
import { translateConstraintError } from './constraint-errors.ts';
import type { Database } from './database-schema.ts';
import { eventRow } from './entry-rows.ts';
import { inUnitOfWork } from './unit-of-work.ts';

/** Runs `work` in one transaction; a broken constraint becomes the domain error it stands for. */
export function inTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  return constraintErrorsTranslated(db.transaction().execute(work));
}

/** Appends events to the journal inside the writer's transaction (the outbox). */
export async function insertEvents(
  trx: Transaction<Database>,
  events: readonly DomainEvent[],
): Promise<void> {
  if (events.length > 0) await trx.insertInto('events').values(events.map(eventRow)).execute();
}

/**
 * Runs one statement that writes several tables (its other inserts in a WITH): it is atomic on its own,
 * so no transaction is opened around it, and it takes one round trip. Inside a unit of work it still
 * gets a nested transaction (a savepoint), so that a caller who catches its failure can go on. A
 * broken constraint becomes the domain error it stands for.
 */
export async function inOneStatement(
  db: Kysely<Database>,
  write: (db: Kysely<Database>) => Promise<unknown>,
): Promise<void> {
  await (inUnitOfWork() ? inTransaction(db, write) : constraintErrorsTranslated(write(db)));
}

/** What `work` answers; a broken constraint becomes the domain error it stands for. */
async function constraintErrorsTranslated<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw translateConstraintError(error) ?? error;
  }
}
