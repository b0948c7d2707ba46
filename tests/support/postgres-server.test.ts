import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import test from 'node:test';
import pg from 'pg';

import {
  createIsolatedDatabase,
  postgresBinariesDir,
  startThrowawayPostgres,
  TEST_PG_URL_ENV,
} from './postgres-server.ts';

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

// Starts its own server (rather than using the global one) because stopping it
// and checking the cleanup is part of what is tested.
test('throwaway server: isolated databases, then a clean stop', async (t) => {
  if (postgresBinariesDir() === undefined) {
    t.skip('no PostgreSQL binaries (set RELAIS_PG_BIN or install PostgreSQL 15)');
    return;
  }
  const server = await startThrowawayPostgres();
  // If an assertion fails, still stop the server; stop() is idempotent.
  t.after(() => server.stop());

  assert.match(server.url, /^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
  const dataDir = await withClient(server.url, async (client) => {
    const result = await client.query<{ data_directory: string }>('SHOW data_directory');
    return result.rows[0]?.data_directory;
  });
  assert.ok(dataDir !== undefined && existsSync(dataDir), `data dir ${dataDir} should exist while running`);

  const firstUrl = await createIsolatedDatabase(server.url, 'First DB!');
  const secondUrl = await createIsolatedDatabase(server.url);
  assert.notEqual(firstUrl, secondUrl);
  assert.match(firstUrl, /\/relais_test_first_db_[0-9a-f]{32}$/);
  assert.match(secondUrl, /\/relais_test_[0-9a-f]{32}$/);

  await withClient(firstUrl, async (client) => {
    await client.query('CREATE TABLE note (body text NOT NULL)');
    await client.query('INSERT INTO note (body) VALUES ($1)', ['only in the first database']);
    const { rows } = await client.query<{ body: string }>('SELECT body FROM note');
    assert.deepEqual(rows, [{ body: 'only in the first database' }]);
  });
  await withClient(secondUrl, async (client) => {
    const { rows } = await client.query<{ table: string | null }>(
      `SELECT to_regclass('note')::text AS table`,
    );
    assert.deepEqual(rows, [{ table: null }], 'second database must not see the first one’s table');
  });

  await server.stop();
  assert.equal(existsSync(dataDir), false, 'data dir should be removed by stop()');
  await assert.rejects(
    withClient(server.url, async () => {}),
    'server should no longer accept connections',
  );
});

test('harness server from global setup accepts isolated databases', async (t) => {
  const serverUrl = process.env[TEST_PG_URL_ENV];
  if (serverUrl === undefined || serverUrl === '') {
    t.skip(`${TEST_PG_URL_ENV} not set (run with --test-global-setup=tests/support/global-setup.ts)`);
    return;
  }
  const url = await createIsolatedDatabase(serverUrl, 'harness');
  const name = await withClient(url, async (client) => {
    const { rows } = await client.query<{ name: string }>('SELECT current_database() AS name');
    return rows[0]?.name;
  });
  assert.equal(`/${name ?? ''}`, new URL(url).pathname);
});
