import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { assertValidR4 } from './mapper-test-support.ts';
import { cardiologyReferral, referralArbitrary } from './referral-arbitraries.ts';
import { serviceRequestToFhir } from './service-request-mapper.ts';

describe('ServiceRequest mapper', () => {
  it('writes a referral to a service as the order of a closed-loop referral', () => {
    const order = serviceRequestToFhir(cardiologyReferral);
    assertValidR4(order);
    assert.equal(order.status, 'active');
    assert.equal(order.intent, 'order');
    assert.equal(order.priority, 'asap');
    assert.equal(order.category?.[0]?.coding?.[0]?.code, '3457005');
    assert.deepEqual(order.performer, [{ reference: 'Organization/91a2b3c4-d5e6-4f7a-8b8c-9d0e1f2a3b4c' }]);
    assert.deepEqual(order.requester, {
      reference: `Practitioner/${cardiologyReferral.referrerPractitionerId}`,
    });
    assert.deepEqual(order.orderDetail, [
      { coding: [{ system: 'http://loinc.org', code: '33762-6', display: 'NT-proBNP' }], text: 'NT-proBNP' },
    ]);
    assert.deepEqual(order.supportingInfo, [
      { reference: 'Observation/1d2e3f40-5a6b-4c7d-8e9f-0a1b2c3d4e5f' },
    ]);
    assert.deepEqual(order.note, [{ text: cardiologyReferral.clinicalQuestion }]);
  });

  it('names a specialty as the performer type when no one is named', () => {
    const order = serviceRequestToFhir({
      ...cardiologyReferral,
      target: { kind: 'specialty', specialty: 'endocrinology' },
      status: 'closed',
    });
    assertValidR4(order);
    assert.equal(order.performer, undefined);
    assert.deepEqual(order.performerType, { text: 'endocrinologie-diabétologie' });
    assert.equal(order.status, 'completed');
  });

  it('emits a valid R4 ServiceRequest for any referral', () => {
    fc.assert(
      fc.property(referralArbitrary, (referral) => assertValidR4(serviceRequestToFhir(referral))),
      { numRuns: 60 },
    );
  });
});
