import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
} from 'kysely';
import type { Database } from './database-schema.ts';
import { preparedOnce } from './prepared-once.ts';
import { preparedAs } from './preparing-client.ts';

// Compiles PostgreSQL without a server.
const db = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (kysely) => new PostgresIntrospector(kysely),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

test('a statement built once binds each call’s arguments where building it anew would put them', () => {
  let builds = 0;
  const build = (patientId: string, from: Date, kind: string) => {
    builds += 1;
    return db
      .selectFrom('events')
      .select(['id', sql<string>`${kind}`.as('kind')])
      .where('patient_id', '=', patientId)
      .where('occurred_at', '>=', from)
      .where('type', '<>', 'patient.registered')
      .where('patient_id', '<>', patientId)
      .compile();
  };
  const once = preparedOnce('test-events', build);
  const calls: [string, Date, string][] = [
    ['a1', new Date('2026-01-01T00:00:00Z'), 'first'],
    ['b2', new Date('2026-02-01T00:00:00Z'), 'second'],
  ];
  for (const args of calls) {
    const bound = once(...args);
    const fresh = preparedAs('test-events', build(...args));
    assert.equal(bound.sql, fresh.sql);
    assert.deepEqual(bound.parameters, fresh.parameters);
  }
  assert.equal(builds, 1 + calls.length, 'built once for the statement, then only for the comparison');
});
