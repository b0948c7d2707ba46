import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { isUuid } from '../domain/shared/new-id.ts';
import { timeOrderedUuid } from './time-ordered-ids.ts';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test('an id is a UUID version 7 (RFC 9562) carrying the time it was made', () => {
  const before = Date.now();
  const id = timeOrderedUuid();
  const after = Date.now();
  assert.ok(isUuid(id), id);
  assert.match(id, UUID_V7);
  const ms = Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
  assert.ok(ms >= before && ms <= after, `${ms} within [${before}, ${after}]`);
});

test('ids are unique, and an id made in a later millisecond sorts after', async () => {
  const first = Array.from({ length: 20_000 }, timeOrderedUuid);
  assert.equal(new Set(first).size, first.length);
  assert.deepEqual(
    first.filter((id) => !UUID_V7.test(id)),
    [],
  );
  // Every hex digit turns up in every random position (the pool's bytes all reach the text).
  for (const position of [15, 16, 17, 20, 21, 22, 24, 35])
    assert.equal(new Set(first.map((id) => id[position])).size, 16, `position ${position}`);
  await sleep(2);
  const later = timeOrderedUuid();
  assert.ok(first.every((id) => id < later));
});
