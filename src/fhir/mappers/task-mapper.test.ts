import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { FHIR_REFERRAL_STATUS } from '../../domain/referrals/referral-fhir-status.ts';
import { REFERRAL_STATUSES } from '../../domain/referrals/referral.ts';
import { assertValidR4 } from './mapper-test-support.ts';
import { cardiologyReferral, referralArbitrary } from './referral-arbitraries.ts';
import { referralTaskToFhir } from './task-mapper.ts';

describe('Task mapper (referrals)', () => {
  it('writes a reported referral as a completed Task held by the performer, with the report as output', () => {
    const task = referralTaskToFhir(cardiologyReferral);
    assertValidR4(task);
    assert.equal(task.status, 'completed');
    assert.deepEqual(task.businessStatus, { text: 'report-sent' });
    assert.deepEqual(task.focus, { reference: `ServiceRequest/${cardiologyReferral.id}` });
    assert.deepEqual(task.owner, {
      reference: `Practitioner/${cardiologyReferral.performerPractitionerId ?? ''}`,
    });
    assert.deepEqual(task.output, [
      { type: { text: 'Compte rendu' }, valueString: 'FEVG 35 %, introduction d’un bêtabloquant.' },
      {
        type: { text: 'Compte rendu' },
        valueReference: { reference: 'DocumentReference/c4d5e6f7-a8b9-4c0d-9e1f-2a3b4c5d6e7f' },
      },
    ]);
  });

  it('follows referral-fhir-status.ts for every status, and says why a referral was declined', () => {
    for (const status of REFERRAL_STATUSES) {
      const task = referralTaskToFhir({ ...cardiologyReferral, status, report: null });
      assertValidR4(task);
      assert.equal(task.status, FHIR_REFERRAL_STATUS[status].task);
      assert.equal(task.businessStatus?.text ?? null, FHIR_REFERRAL_STATUS[status].businessStatus);
    }
    const declined = referralTaskToFhir({
      ...cardiologyReferral,
      status: 'declined',
      declineReason: 'Hors de notre champ',
    });
    assert.deepEqual(declined.statusReason, { text: 'Hors de notre champ' });
  });

  it('emits a valid R4 Task for any referral', () => {
    fc.assert(
      fc.property(referralArbitrary, (referral) => assertValidR4(referralTaskToFhir(referral))),
      { numRuns: 60 },
    );
  });
});
