import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NO_ACCESS_FACTS, type AccessFacts } from '../access/patient-access-policy.ts';
import type { Principal } from '../access/principal.ts';
import { DomainError } from '../shared/domain-error.ts';
import { breakGlassHoursProblem, breakGlassReason, decideBreakGlass } from './break-glass-rules.ts';

const NOW = new Date('2026-12-04T10:00:00Z');
const doctor: Principal = { kind: 'professional', accountId: 'a-1', practitionerId: 'pr-1', roles: [] };
const decide = (facts: Partial<AccessFacts>, principal: Principal = doctor, hours = 4) =>
  decideBreakGlass(principal, 'patient-1', { ...NO_ACCESS_FACTS, ...facts }, NOW, hours);

describe('the reason', () => {
  test('is trimmed and kept when it has 10 to 1000 characters', () => {
    assert.equal(
      breakGlassReason('  Patient inconscient aux urgences  '),
      'Patient inconscient aux urgences',
    );
    assert.equal(breakGlassReason('x'.repeat(10)), 'x'.repeat(10));
    assert.equal(breakGlassReason('x'.repeat(1000)), 'x'.repeat(1000));
  });

  test('is refused, saying why, when it is missing, too short once trimmed, or too long', () => {
    for (const reason of ['', '   urgence   ', 'x'.repeat(9), 'x'.repeat(1001)]) {
      assert.throws(
        () => breakGlassReason(reason),
        (error: unknown) =>
          error instanceof DomainError &&
          error.code === 'invalid-input' &&
          /the reason must have 10 to 1000 characters/.test(error.message),
        JSON.stringify(reason),
      );
    }
  });
});

describe('a break-the-glass request', () => {
  test('by a professional outside the team is granted for the configured hours from now', () => {
    assert.deepEqual(decide({}), {
      granted: true,
      practitionerId: 'pr-1',
      expiresAt: new Date('2026-12-04T14:00:00Z'),
    });
    const oneHour = decide({}, doctor, 1);
    assert.equal(oneHour.granted && oneHour.expiresAt.toISOString(), '2026-12-04T11:00:00.000Z');
  });

  test('by a professional who may only read with the patient’s consent is granted (it lets them write)', () => {
    assert.equal(decide({ sharingConsent: true }).granted, true);
  });

  test('after an earlier access has ended is granted again', () => {
    assert.equal(decide({ breakGlassUntil: NOW }).granted, true);
  });

  test('by a patient is refused', () => {
    const patient: Principal = { kind: 'patient', accountId: 'a-2', patientId: 'patient-1' };
    assert.deepEqual(decide({}, patient), {
      granted: false,
      code: 'forbidden',
      reason: 'only a professional may break the glass',
    });
  });

  test('is refused when the patient objects to the professional or to their organisation', () => {
    assert.deepEqual(decide({ objection: 'practitioner' }), {
      granted: false,
      code: 'forbidden',
      reason: 'the patient objects to sharing their data with you',
    });
    assert.deepEqual(decide({ objection: 'organization', sharingConsent: true }), {
      granted: false,
      code: 'forbidden',
      reason: 'the patient objects to sharing their data with your organisation',
    });
  });

  test('by a member of the care team, or someone the patient is referred to, has nothing to break', () => {
    const member = decide({ careTeamRoles: ['nurse'] });
    assert.equal(!member.granted && member.code, 'conflict');
    assert.match(
      !member.granted ? member.reason : '',
      /already have access .*care team member.*nothing to break/,
    );
    const referred = decide({ referredToCaller: true });
    assert.match(!referred.granted ? referred.reason : '', /open referral.*nothing to break/);
  });

  test('while an emergency access still runs says until when, and extends nothing', () => {
    assert.deepEqual(decide({ breakGlassUntil: new Date('2026-12-04T12:30:00Z') }), {
      granted: false,
      code: 'conflict',
      reason: 'your emergency access to this record is already running until 2026-12-04T12:30:00.000Z',
    });
  });
});

test('the configured duration is whole hours from 1 to 24', () => {
  assert.equal(breakGlassHoursProblem(4), null);
  assert.equal(breakGlassHoursProblem(1), null);
  assert.equal(breakGlassHoursProblem(24), null);
  for (const hours of [0, 25, 1.5, Number.NaN])
    assert.match(breakGlassHoursProblem(hours) ?? '', /from 1 to 24 whole hours/);
});
