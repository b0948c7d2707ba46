import { availableParallelism } from 'node:os';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg, { type CustomTypesConfig } from 'pg';
import type { Database } from './database-schema.ts';
import { PreparingClient } from './preparing-client.ts';
import { registerUnitOfWork, withUnitsOfWork, type UnitOfWork } from './unit-of-work.ts';

/** Where the data lives: a PostgreSQL server URL, or a PGlite folder (or `memory://`). */
export type DatabaseLocation =
  { kind: 'postgres'; url: string; poolSize?: number } | { kind: 'pglite'; dataDir: string };

/**
 * Connections to PostgreSQL when none is configured: about two per core (ADR 0016). Past the cores
 * that run them, more backends do no more work, and each switch between them costs the server CPU.
 */
export const DEFAULT_POOL_SIZE = availableParallelism() * 2 + 2;

/** An open database and the way to close it. */
export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly dialect: DatabaseLocation['kind'];
  /** Runs work whose writes, through `db` as usual, commit together or not at all (ADR 0014). */
  readonly unitOfWork: UnitOfWork;
  close(): Promise<void>;
}

// Both drivers return `date` as 'YYYY-MM-DD' and int8 as a string, so the stores see one shape.
const DATE_OID = pg.types.builtins.DATE; // 1082
const INT8_OID = pg.types.builtins.INT8; // 20
const keepText = (value: string): string => value;

/** pg's own parser lookup, typed: pg-types declares its result as `any`. */
const defaultTypeParser: (
  ...args: Parameters<CustomTypesConfig['getTypeParser']>
) => (value: string) => unknown = pg.types.getTypeParser;

/** pg's default parsers, except that `date` and int8 stay text. */
const pgTypes: CustomTypesConfig = {
  getTypeParser: (oid, format) =>
    oid === DATE_OID || oid === INT8_OID ? keepText : defaultTypeParser(oid, format),
};

/** Opens the database; the caller runs migrations (see migrate.ts). */
export async function openDatabase(location: DatabaseLocation): Promise<DatabaseHandle> {
  if (location.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: location.url,
      max: location.poolSize ?? DEFAULT_POOL_SIZE,
      types: pgTypes,
      Client: PreparingClient,
    });
    const { dialect, unitOfWork } = withUnitsOfWork(new PostgresDialect({ pool }), false);
    const db = new Kysely<Database>({ dialect });
    registerUnitOfWork(db, unitOfWork);
    return { db, dialect: 'postgres', unitOfWork, close: () => db.destroy() };
  }
  const pglite = await PGlite.create(location.dataDir, {
    parsers: { [DATE_OID]: keepText, [INT8_OID]: keepText },
  });
  const { dialect, unitOfWork } = withUnitsOfWork(new PGliteDialect({ pglite }), true);
  const db = new Kysely<Database>({ dialect });
  registerUnitOfWork(db, unitOfWork);
  return { db, dialect: 'pglite', unitOfWork, close: () => db.destroy() };
}
