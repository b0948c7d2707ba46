import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CARE_TEAM_ROLE_CODES } from '../../contracts/care-team-role-codes.ts';
import { CARE_TEAM_ROLES } from './care-team-role.ts';

test('the API accepts exactly the care-team roles the domain knows', () => {
  assert.deepEqual([...CARE_TEAM_ROLE_CODES], [...CARE_TEAM_ROLES]);
});
