import { openDatabase, type DatabaseHandle } from '../../src/store/database.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { createIsolatedDatabase, TEST_PG_URL_ENV } from './postgres-server.ts';

export type Dialect = 'pglite' | 'postgres';

/**
 * The dialects the integration suites run on: PGlite always, PostgreSQL when the global setup started
 * a server (or DATABASE_URL names one). RELAIS_TEST_DIALECTS=postgres narrows the list.
 */
export function testDialects(): { dialect: Dialect; skip: string | false }[] {
  const wanted = (process.env.RELAIS_TEST_DIALECTS ?? 'pglite,postgres').split(',');
  const pgUrl = process.env[TEST_PG_URL_ENV];
  return (['pglite', 'postgres'] as const)
    .filter((dialect) => wanted.includes(dialect))
    .map((dialect) => ({
      dialect,
      skip:
        dialect === 'postgres' && pgUrl === undefined ? 'no PostgreSQL server (binaries not found)' : false,
    }));
}

/** A fresh, migrated, empty database of its own for one test suite. */
export async function openTestDatabase(dialect: Dialect): Promise<DatabaseHandle> {
  const serverUrl = process.env[TEST_PG_URL_ENV];
  const handle =
    dialect === 'pglite'
      ? await openDatabase({ kind: 'pglite', dataDir: 'memory://' })
      : await openDatabase({ kind: 'postgres', url: await createIsolatedDatabase(requireUrl(serverUrl)) });
  await migrateToLatest(handle.db);
  return handle;
}

function requireUrl(url: string | undefined): string {
  if (url === undefined)
    throw new Error(`${TEST_PG_URL_ENV} is not set: run through npm test (global setup)`);
  return url;
}
