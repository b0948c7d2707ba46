import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CompiledQuery, sql } from 'kysely';
import { openDatabase } from './database.ts';
import { PREPARED_SHAPES_PER_FAMILY, preparedAs, preparedPerShape } from './preparing-client.ts';
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

    it('statements of one family prepared per shape get a name each, the same name for the same text', async () => {
      const database = await openDatabase({
        kind: 'postgres',
        url: await createIsolatedDatabase(serverUrl ?? ''),
      });
      const shaped = (text: string, value: number) =>
        preparedPerShape<{ n: number }>('test-shape', CompiledQuery.raw(text, [value]));
      try {
        await database.db.connection().execute(async (connection) => {
          for (const value of [1, 2]) {
            const plus = await connection.executeQuery(shaped('select $1::int + 1 as n', value));
            const times = await connection.executeQuery(shaped('select $1::int * 3 as n', value));
            assert.deepEqual([plus.rows, times.rows], [[{ n: value + 1 }], [{ n: value * 3 }]]);
          }
          const { rows } = await sql<{ name: string }>`select name from pg_prepared_statements`.execute(
            connection,
          );
          assert.equal(rows.length, 2);
          assert.ok(rows.every((row) => /^test-shape-[0-9a-f]{16}$/.test(row.name)));
        });
      } finally {
        await database.close();
      }
    });

    it('a family prepares a bounded number of shapes; the statements of further shapes still run', async () => {
      const database = await openDatabase({
        kind: 'postgres',
        url: await createIsolatedDatabase(serverUrl ?? ''),
      });
      const shapes = Array.from({ length: PREPARED_SHAPES_PER_FAMILY + 8 }, (_, index) => index);
      try {
        await database.db.connection().execute(async (connection) => {
          for (const shape of shapes) {
            const query = CompiledQuery.raw(`select $1::int + ${shape} as n`, [1]);
            const { rows } = await connection.executeQuery(
              preparedPerShape<{ n: number }>('test-bound', query),
            );
            assert.deepEqual(rows, [{ n: 1 + shape }]);
          }
          const { rows } = await sql<{ n: string }>`select count(*) as n from pg_prepared_statements
            where name like 'test-bound-%'`.execute(connection);
          assert.equal(Number(rows[0]?.n), PREPARED_SHAPES_PER_FAMILY);
        });
      } finally {
        await database.close();
      }
    });
    it('a generic statement is planned once, outside a transaction; every other statement as PostgreSQL chooses', async () => {
      const database = await openDatabase({
        kind: 'postgres',
        url: await createIsolatedDatabase(serverUrl ?? ''),
      });
      const modeQuery = (value: number) =>
        CompiledQuery.raw(
          `select current_setting('plan_cache_mode') as mode from generate_series(1, $1::int) as n where n = $1`,
          [value],
        ) as CompiledQuery<{ mode: string }>;
      try {
        await database.db.connection().execute(async (connection) => {
          const modeOf = async (query: CompiledQuery<{ mode: string }>) =>
            (await connection.executeQuery(query)).rows[0]?.mode;
          const generic = (value: number) => preparedAs('test-generic', modeQuery(value), 'generic');
          for (const value of [1, 2, 3, 4, 5, 6, 7, 8])
            assert.equal(await modeOf(generic(value)), 'force_generic_plan');
          const { rows } = await sql<{ generic_plans: string; custom_plans: string }>`
            select generic_plans, custom_plans from pg_prepared_statements where name = 'test-generic'`.execute(
            connection,
          );
          assert.deepEqual(rows, [{ generic_plans: '8', custom_plans: '0' }]);

          assert.equal(await modeOf(modeQuery(1)), 'auto', 'an unnamed statement');
          await modeOf(generic(1));
          assert.equal(await modeOf(preparedAs('test-chosen', modeQuery(1))), 'auto', 'a prepared one');
          await modeOf(generic(1));
          await sql`begin`.execute(connection);
          assert.equal(await modeOf(generic(1)), 'auto', 'a generic one inside a transaction');
          await sql`rollback`.execute(connection);
          assert.equal(await modeOf(modeQuery(1)), 'auto', 'after the rolled-back transaction');
        });
      } finally {
        await database.close();
      }
    });
  },
);
