import { validIdentity } from '../../../tests/support/valid-identity.ts';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { computeInsKey, INS_OIDS } from '../identity/ins.ts';
import type { ValidIdentity } from '../identity/patient-registration.ts';
import { DomainError } from '../shared/domain-error.ts';
import {
  LOWER_STATUS_ON_STRICT_CHANGE,
  rectifyIdentity,
  type IdentityCorrections,
} from './identity-rectification.ts';

const NIR = '2800575123456';
const INS = { matricule: `${NIR}${computeInsKey(NIR)}`, oid: INS_OIDS['INS-NIR-TEST'] };

const qualified = validIdentity({ ins: INS, identityStatus: 'QUAL', givenNames: 'Hélène Marie' });

const at = new Date('2026-03-01T10:00:00Z');
const rectify = (current: ValidIdentity, corrections: IdentityCorrections, reason = 'vu sur la CNI') =>
  rectifyIdentity(current, corrections, {
    reason,
    today: '2026-03-01',
    statusAfter: LOWER_STATUS_ON_STRICT_CHANGE,
    event: { id: 'e1', patientId: 'p1', actorAccountId: 'a1', occurredAt: at },
  });

describe('rectifying an identity', () => {
  test('a strict trait lowers qualifiée to récupérée and validée to provisoire; contact details keep it', () => {
    assert.equal(rectify(qualified, { birthFamilyName: 'Lefèvre' }).identity.identityStatus, 'RECUP');
    const validated = { ...qualified, identityStatus: 'VALI' } as const;
    assert.equal(rectify(validated, { birthDate: '1980-05-13' }).identity.identityStatus, 'PROV');
    const retrieved = { ...qualified, identityStatus: 'RECUP' } as const;
    assert.equal(rectify(retrieved, { givenNames: 'Hélène' }).identity.identityStatus, 'RECUP');
    assert.equal(
      rectify(qualified, { phone: '0601020304', usedFamilyName: 'Martin' }).identity.identityStatus,
      'QUAL',
    );
  });

  test('an INS typed by hand (or removed) was not returned by INSi: the identity becomes provisoire', () => {
    assert.equal(rectify(qualified, { ins: null }).identity.identityStatus, 'PROV');
    const nir = '2800575123457';
    const other = { matricule: `${nir}${computeInsKey(nir)}`, oid: INS_OIDS['INS-NIR-TEST'] };
    const done = rectify(qualified, { ins: other });
    assert.equal(done.identity.identityStatus, 'PROV');
    assert.equal(done.event.payload['ins.after'], `urn:oid:${other.oid}|${other.matricule}`);
  });

  test('the event keeps the changed fields, their values before and after, the statuses and the reason', () => {
    const done = rectify(
      qualified,
      { birthFamilyName: ' Lefèvre ', phone: '06 01', usedGivenName: null },
      '  accent ',
    );
    assert.deepEqual(done.changedFields, ['birthFamilyName', 'phone']);
    assert.equal(done.previousStatus, 'QUAL');
    assert.deepEqual(done.event, {
      id: 'e1',
      patientId: 'p1',
      actorAccountId: 'a1',
      occurredAt: at,
      type: 'patient.identity-rectified',
      payload: {
        fields: 'birthFamilyName,phone',
        reason: 'accent',
        identityStatusBefore: 'QUAL',
        identityStatusAfter: 'RECUP',
        'birthFamilyName.before': 'Lefevre',
        'birthFamilyName.after': 'Lefèvre',
        'phone.before': null,
        'phone.after': '06 01',
      },
    });
  });

  test('refuses a blank reason, nothing to change, and traits the identity rules refuse, naming each', () => {
    const problems = (corrections: IdentityCorrections, reason?: string): readonly string[] => {
      try {
        rectify(qualified, corrections, reason);
      } catch (error) {
        assert.ok(error instanceof DomainError);
        assert.equal(error.code, 'invalid-input');
        return error.details.length > 0 ? error.details : [error.message];
      }
      assert.fail('accepted');
    };
    assert.deepEqual(problems({ phone: '01' }, ' '), ['reason must say why the identity is corrected']);
    assert.match(problems({ birthFamilyName: 'Lefevre' }).join(), /nothing to rectify/);
    assert.match(problems({ sex: 'male' }).join(), /contradicts the INS/);
    assert.match(problems({ birthDate: '2030-01-01' }).join(), /in the future/);
    assert.match(problems({ ins: { matricule: `${NIR}00`, oid: INS.oid } }).join(), /INS key/);
    const both = problems({ birthFamilyName: ' ' }, '');
    assert.equal(both.length, 2, 'a bad trait and a missing reason, both named');
  });

  test('the status rule is injected: a deployment may keep statuses as they are', () => {
    const done = rectifyIdentity(
      qualified,
      { birthFamilyName: 'Lefèvre' },
      {
        reason: 'x',
        today: '2026-03-01',
        statusAfter: (status) => status,
        event: { id: 'e', patientId: 'p', actorAccountId: null, occurredAt: at },
      },
    );
    assert.equal(done.identity.identityStatus, 'QUAL');
  });
});
