import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database-schema.ts';

/** Where the data lives: a PostgreSQL server URL, or a PGlite folder (or `memory://`). */
export type DatabaseLocation = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };

/** An open database and the way to close it. */
export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly dialect: DatabaseLocation['kind'];
  close(): Promise<void>;
}

// Both drivers return `date` as 'YYYY-MM-DD' and int8 as a string, so the stores see one shape.
const DATE_OID = 1082;
const INT8_OID = 20;
const keepText = (value: string): string => value;

/** Opens the database; the caller runs migrations (see migrate.ts). */
export async function openDatabase(location: DatabaseLocation): Promise<DatabaseHandle> {
  if (location.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: location.url,
      max: 20,
      types: {
        getTypeParser: (oid: number, format?: 'text' | 'binary') =>
          oid === DATE_OID || oid === INT8_OID ? keepText : pg.types.getTypeParser(oid, format),
      } as typeof pg.types,
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  const pglite = await PGlite.create(location.dataDir, {
    parsers: { [DATE_OID]: keepText, [INT8_OID]: keepText },
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  return { db, dialect: 'pglite', close: () => db.destroy() };
}
