import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ADDABLE_KIND_CODES, ITEM_KIND_CODES } from '../../contracts/transition-contracts.ts';
import { ADDABLE_KINDS, ITEM_KINDS } from './transition.ts';

test('the API names exactly the checklist items the domain knows', () => {
  assert.deepEqual([...ITEM_KIND_CODES], [...ITEM_KINDS]);
  assert.deepEqual([...ADDABLE_KIND_CODES], [...ADDABLE_KINDS]);
});
