import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DummyDriver,
  type Insertable,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
} from 'kysely';
import type { Database } from './database-schema.ts';
import { preparedOnce, preparedOncePerShape, preparedOnceForRows } from './prepared-once.ts';
import { preparedAs, preparedPerShape } from './preparing-client.ts';

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

interface EventQuery {
  readonly patientIds: readonly string[];
  readonly since: { readonly comparator: '>=' | '>'; readonly instant: string } | null;
  readonly newestFirst: boolean;
  readonly limit: number;
}

test('a statement built once per shape binds each call’s values where building it anew would put them', () => {
  const shapesBuilt: string[] = [];
  const build = (query: EventQuery) => {
    let events = db
      .selectFrom('events')
      .select('id')
      .where('patient_id', 'in', query.patientIds)
      .orderBy('occurred_at', query.newestFirst ? 'desc' : 'asc')
      .limit(query.limit);
    if (query.since !== null)
      events = events.where(
        'occurred_at',
        query.since.comparator,
        sql<Date>`${query.since.instant}::timestamptz`,
      );
    return events.compile();
  };
  const once = preparedOncePerShape('test-events-by-shape', new Set(['comparator']), (query: EventQuery) => {
    shapesBuilt.push(`${query.patientIds.length} ${query.since?.comparator ?? 'none'}`);
    return build(query);
  });
  const since = (comparator: '>=' | '>', instant: string) => ({ comparator, instant });
  const calls: EventQuery[] = [
    { patientIds: ['a1', 'b2'], since: null, newestFirst: true, limit: 20 },
    { patientIds: ['c3', 'd4'], since: null, newestFirst: true, limit: 50 },
    { patientIds: ['e5'], since: null, newestFirst: true, limit: 20 },
    { patientIds: ['f6'], since: since('>=', '2026-01-01T00:00:00Z'), newestFirst: false, limit: 20 },
    { patientIds: ['g7'], since: since('>=', '2026-02-01T00:00:00Z'), newestFirst: false, limit: 10 },
    { patientIds: ['h8'], since: since('>', '2026-02-01T00:00:00Z'), newestFirst: false, limit: 10 },
  ];
  for (const query of calls) {
    const bound = once(query);
    const fresh = preparedPerShape('test-events-by-shape', build(query));
    assert.equal(bound.sql, fresh.sql);
    assert.deepEqual(bound.parameters, fresh.parameters);
  }
  // Values and limits aside: two ids, one, then a bound from an instant, then after one.
  assert.deepEqual(shapesBuilt, ['2 none', '1 none', '1 >=', '1 >']);
});

type CommentRow = Insertable<Database['task_comments']>;
type EventRow = Insertable<Database['events']>;

test('rows written by a statement built once bind their values where building it anew would put them', () => {
  const columnsBuilt: string[] = [];
  const build = (comment: CommentRow, event: EventRow) =>
    db
      .with('comment', (db) => db.insertInto('task_comments').values(comment))
      .insertInto('events')
      .values(event)
      .compile();
  const once = preparedOnceForRows('test-comment-insert', (comment: CommentRow, event: EventRow) => {
    columnsBuilt.push(Object.keys(comment).join(','));
    return build(comment, event);
  });
  const at = new Date('2026-03-01T08:00:00Z');
  const comment = (id: string, patientId: string | null): CommentRow => ({
    task_id: 't1',
    id,
    patient_id: patientId,
    author_practitioner_id: 'pr1',
    body: `Rappel ${id}`,
    created_at: at,
  });
  const event = (id: string): EventRow => ({
    id,
    patient_id: 'p1',
    type: 'task.commented',
    actor_account_id: null,
    occurred_at: at,
    payload: { by: id, dueAt: null },
  });
  const { task_id, id, author_practitioner_id, body, created_at } = comment('c3', null);
  const calls: [CommentRow, EventRow][] = [
    [comment('c1', 'p1'), event('e1')],
    [comment('c2', null), event('e2')],
    // Other columns: a statement of its own, never the first one's places.
    [{ task_id, id, author_practitioner_id, body, created_at }, event('e3')],
  ];
  for (const [row, journal] of calls) {
    const bound = once(row, journal);
    const fresh = preparedPerShape('test-comment-insert', build(row, journal));
    assert.equal(bound.sql, fresh.sql);
    assert.deepEqual(bound.parameters, fresh.parameters);
  }
  assert.deepEqual(columnsBuilt, [
    'task_id,id,patient_id,author_practitioner_id,body,created_at',
    'task_id,id,author_practitioner_id,body,created_at',
  ]);
});
