import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decidePatientAccess, NO_ACCESS_FACTS, type AccessFacts } from './patient-access-policy.ts';
import type { Principal } from './principal.ts';

const NOW = new Date('2026-12-04T10:00:00Z');
const patient: Principal = { kind: 'patient', accountId: 'account-1', patientId: 'patient-1' };
const doctor: Principal = { kind: 'professional', accountId: 'a-2', practitionerId: 'pr-2', roles: [] };
const READ = { action: 'read', resource: 'record' } as const;
const WRITE = { action: 'write', resource: 'conditions' } as const;

const decide = (facts: Partial<AccessFacts>, purpose: Parameters<typeof decidePatientAccess>[3] = READ) =>
  decidePatientAccess(doctor, 'patient-1', { ...NO_ACCESS_FACTS, ...facts }, purpose, NOW);

test('a patient may fill in their questionnaires and sharing choices, and write nothing else of their record', () => {
  const write = (resource: string, patientId = 'patient-1') =>
    decidePatientAccess(patient, patientId, NO_ACCESS_FACTS, { action: 'write', resource }, NOW);
  assert.equal(write('questionnaire').allowed, true);
  assert.equal(write('sharing-choices').allowed, true);
  assert.equal(write('allergy').allowed, false);
  assert.deepEqual(write('questionnaire', 'patient-2'), {
    allowed: false,
    reason: 'a patient may only see their own record',
  });
});

describe('a professional', () => {
  test('in the care team reads and writes; outside it, nothing', () => {
    const member = decide({ careTeamRoles: ['medecin_traitant'] }, WRITE);
    assert.equal(member.allowed && member.basis, 'care-team');
    assert.deepEqual(decide({}), { allowed: false, reason: "not in the patient's care team" });
  });

  test('to whom, or to whose service, the patient is referred reads and writes while the referral is open', () => {
    const referred = decide({ referredToCaller: true }, WRITE);
    assert.equal(referred.allowed && referred.basis, 'referral');
  });

  test('with the patient’s consent reads but does not write', () => {
    assert.equal(decide({ sharingConsent: true }).allowed, true);
    assert.deepEqual(decide({ sharingConsent: true }, WRITE), {
      allowed: false,
      reason: "the patient's consent lets you read, not write",
    });
  });

  test('holding break-the-glass acts until it expires, and is told when', () => {
    const until = new Date('2026-12-04T14:00:00Z');
    const running = decide({ breakGlassUntil: until }, WRITE);
    assert.equal(running.allowed && running.basis, 'break-glass');
    assert.equal(running.allowed && running.expiresAt, until);
    assert.equal(decide({ breakGlassUntil: NOW }).allowed, false, 'an access ending now has ended');
  });

  test('the patient’s objection refuses everything, team, consent and break-the-glass included', () => {
    const everything: Partial<AccessFacts> = {
      careTeamRoles: ['nurse'],
      referredToCaller: true,
      sharingConsent: true,
      breakGlassUntil: new Date('2026-12-05T00:00:00Z'),
    };
    assert.deepEqual(decide({ ...everything, objection: 'practitioner' }), {
      allowed: false,
      reason: 'the patient objects to sharing their data with you',
    });
    assert.deepEqual(decide({ ...everything, objection: 'organization' }), {
      allowed: false,
      reason: 'the patient objects to sharing their data with your organisation',
    });
  });

  test('does not see a category the patient restricted to others, and does see it when named', () => {
    const team = { careTeamRoles: ['nurse'] };
    const restricted = decide({ ...team, restrictions: [{ category: 'mental-health', callerNamed: false }] });
    assert.deepEqual(restricted.allowed && restricted.hiddenCategories, ['mental-health']);
    const named = decide({ ...team, restrictions: [{ category: 'mental-health', callerNamed: true }] });
    assert.deepEqual(named.allowed && named.hiddenCategories, []);
    const questionnaires = { action: 'read', resource: 'questionnaire', category: 'mental-health' } as const;
    assert.deepEqual(
      decide({ ...team, restrictions: [{ category: 'mental-health', callerNamed: false }] }, questionnaires),
      { allowed: false, reason: 'the patient restricted mental-health data to named professionals' },
    );
  });
});
