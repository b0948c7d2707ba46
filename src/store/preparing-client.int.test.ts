import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { openDatabase } from './database.ts';
import { createIsolatedDatabase, TEST_PG_URL_ENV } from '../../tests/support/postgres-server.ts';

const serverUrl = process.env[TEST_PG_URL_ENV];

describe(
  'prepared statements on PostgreSQL',
  { skip: serverUrl === undefined && 'no PostgreSQL server' },
  () => {
    it('a tagged statement is prepared once per connection and reused; others are not kept', async () => {
      const database = await openDatabase({
        kind: 'postgres',
        url: await createIsolatedDatabase(serverUrl ?? ''),
      });
      try {
        await database.db.connection().execute(async (connection) => {
          for (const value of [1, 2, 3]) {
            const { rows } = await sql<{
              twice: number;
            }>`/* prepared: test-twice */ select ${value}::int * 2 as twice`.execute(connection);
            assert.deepEqual(rows, [{ twice: value * 2 }]);
          }
          await sql`select 1`.execute(connection);
          const { rows } = await sql<{ name: string }>`select name from pg_prepared_statements`.execute(
            connection,
          );
          assert.deepEqual(
            rows.map((row) => row.name),
            ['test-twice'],
          );
        });
      } finally {
        await database.close();
      }
    });
  },
);
