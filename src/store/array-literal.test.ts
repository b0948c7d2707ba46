import assert from 'node:assert/strict';
import { test } from 'node:test';
import { arrayLiteral } from './array-literal.ts';

test('an array literal quotes what PostgreSQL would read otherwise, and nothing else', () => {
  assert.equal(arrayLiteral([]), '{}');
  assert.equal(arrayLiteral(['E11.9']), '{E11.9}');
  assert.equal(arrayLiteral([1, 2.5, true, false]), '{1,2.5,t,f}');
  assert.equal(
    arrayLiteral([null, undefined, '', 'NULL', 'nulle', 'a b', 'a,b', '{x}', 'dit "non"', 'c:\\temp']),
    '{NULL,NULL,"","NULL",nulle,"a b","a,b","{x}","dit \\"non\\"","c:\\\\temp"}',
  );
  assert.equal(arrayLiteral([new Date('2026-12-05T10:00:00Z')]), '{2026-12-05T10:00:00.000Z}');
  assert.equal(arrayLiteral([new Uint8Array([0, 255])]), '{"\\\\x00ff"}');
  assert.equal(arrayLiteral([{ note: 'a "b"' }]), '{"{\\"note\\":\\"a \\\\\\"b\\\\\\"\\"}"}');
  // An array is one element holding its own literal: PostgreSQL arrays cannot be ragged.
  assert.equal(arrayLiteral([['a', 'b c'], [], null]), '{"{a,\\"b c\\"}","{}",NULL}');
});
