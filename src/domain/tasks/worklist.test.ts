import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { DomainError } from '../shared/domain-error.ts';
import {
  bucketBounds,
  bucketOf,
  checkWorklistLimit,
  compareWorklistOrder,
  decodeWorklistCursor,
  encodeWorklistCursor,
  WORKLIST_BUCKETS,
  type WorklistCursor,
} from './worklist.ts';

const at = (iso: string) => new Date(iso);

test('today ends at midnight in Paris, in winter and in summer time', () => {
  const winter = bucketBounds(at('2026-01-15T10:00:00Z'));
  assert.equal(winter.startOfTomorrow.toISOString(), '2026-01-15T23:00:00.000Z');
  assert.equal(winter.endOfSoon.toISOString(), '2026-01-22T23:00:00.000Z');
  const summer = bucketBounds(at('2026-07-15T10:00:00Z'));
  assert.equal(summer.startOfTomorrow.toISOString(), '2026-07-15T22:00:00.000Z');
  // 23:30 UTC on 15 January is already the 16th in Paris.
  assert.equal(
    bucketBounds(at('2026-01-15T23:30:00Z')).startOfTomorrow.toISOString(),
    '2026-01-16T23:00:00.000Z',
  );
  // The night summer time starts (29 March 2026), the next midnight is at UTC+2.
  assert.equal(
    bucketBounds(at('2026-03-29T10:00:00Z')).startOfTomorrow.toISOString(),
    '2026-03-29T22:00:00.000Z',
  );
});

test('buckets follow the due date with a fixed clock', () => {
  const bounds = bucketBounds(at('2026-01-15T10:00:00Z'));
  const cases: [string | null, string][] = [
    ['2026-01-10T08:00:00Z', 'overdue'],
    ['2026-01-15T09:59:59Z', 'overdue'],
    ['2026-01-15T10:00:00Z', 'today'],
    ['2026-01-15T22:59:59Z', 'today'],
    ['2026-01-15T23:00:00Z', 'soon'],
    ['2026-01-22T22:59:59Z', 'soon'],
    ['2026-01-22T23:00:00Z', 'later'],
    [null, 'undated'],
  ];
  for (const [due, bucket] of cases)
    assert.equal(bucketOf(due === null ? null : at(due), bounds), bucket, String(due));
});

test('worklist order: by due date (undated last), then priority, then id; bucket order follows', () => {
  const bounds = bucketBounds(at('2026-01-15T10:00:00Z'));
  const cursor = fc.record({
    dueAt: fc.option(
      fc.date({ min: at('2025-12-01T00:00:00Z'), max: at('2026-03-01T00:00:00Z'), noInvalidDate: true }),
    ),
    priorityRank: fc.integer({ min: 0, max: 3 }),
    id: fc.uuid(),
  });
  fc.assert(
    fc.property(fc.array(cursor, { maxLength: 30 }), (cursors: WorklistCursor[]) => {
      const sorted = [...cursors].sort(compareWorklistOrder);
      const buckets = sorted.map((c) => WORKLIST_BUCKETS.indexOf(bucketOf(c.dueAt, bounds)));
      assert.deepEqual(
        buckets,
        [...buckets].sort((a, b) => a - b),
      );
      for (let i = 1; i < sorted.length; i += 1)
        assert.ok(compareWorklistOrder(sorted[i - 1]!, sorted[i]!) <= 0);
    }),
  );
  const sameDay = at('2026-01-16T22:59:00Z');
  const ordered = [
    { dueAt: sameDay, priorityRank: 0, id: 'b' },
    { dueAt: sameDay, priorityRank: 2, id: 'a' },
    { dueAt: null, priorityRank: 0, id: 'c' },
  ];
  assert.deepEqual([...ordered].reverse().sort(compareWorklistOrder), ordered);
});

test('page tokens round-trip and anything else is refused as invalid input', () => {
  const cursor = {
    dueAt: at('2026-01-15T10:00:00Z'),
    priorityRank: 1,
    id: '44444444-4444-4444-8444-444444444444',
  };
  assert.deepEqual(decodeWorklistCursor(encodeWorklistCursor(cursor)), cursor);
  const undated = { ...cursor, dueAt: null };
  assert.deepEqual(decodeWorklistCursor(encodeWorklistCursor(undated)), undated);
  assert.match(encodeWorklistCursor(cursor), /^[A-Za-z0-9_-]+$/);
  for (const bad of [
    '',
    'not-a-token',
    btoa('[1,2]'),
    btoa('["x",1,"44444444-4444-4444-8444-444444444444"]'),
    btoa('[null,1,"x"]'),
  ]) {
    assert.throws(
      () => decodeWorklistCursor(bad),
      (error: unknown) => error instanceof DomainError && error.code === 'invalid-input',
      bad,
    );
  }
});

test('a page holds 1 to 100 rows', () => {
  assert.equal(checkWorklistLimit(100), 100);
  for (const bad of [0, 101, 1.5, -1]) assert.throws(() => checkWorklistLimit(bad), /limit must be/);
});
