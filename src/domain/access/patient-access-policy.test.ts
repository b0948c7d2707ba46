import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decidePatientAccess } from './patient-access-policy.ts';
import type { Principal } from './principal.ts';

const patient: Principal = { kind: 'patient', accountId: 'account-1', patientId: 'patient-1' };
const noRoles = { activeCareTeamRoles: [] };

test('a patient may fill in their own questionnaires, and write nothing else of their record', () => {
  const write = (resource: string, patientId = 'patient-1') =>
    decidePatientAccess(patient, patientId, noRoles, { action: 'write', resource });
  assert.deepEqual(write('questionnaire'), { allowed: true, reason: 'the patient themself' });
  assert.equal(write('allergy').allowed, false);
  assert.deepEqual(write('questionnaire', 'patient-2'), {
    allowed: false,
    reason: 'a patient may only see their own record',
  });
});
