import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { practitionerArbitrary } from './directory-arbitraries.ts';
import { assertValidR4 } from './mapper-test-support.ts';
import { practitionerRoleToFhir } from './practitioner-role-mapper.ts';

describe('PractitionerRole mapper', () => {
  it('links the professional to their organisation with their profession and specialty', () => {
    const role = practitionerRoleToFhir({
      id: '6e7f8091-a2b3-4c4d-8e5f-6a7b8c9d0e1f',
      rpps: '10101201234',
      familyName: 'Rivière',
      givenName: 'Maëlle',
      profession: 'physician',
      specialty: 'cardiology',
      organizationId: '7f8091a2-b3c4-4d5e-9f6a-7b8c9d0e1f2a',
    });
    assertValidR4(role);
    assert.deepEqual(role.practitioner, { reference: 'Practitioner/6e7f8091-a2b3-4c4d-8e5f-6a7b8c9d0e1f' });
    assert.deepEqual(role.organization, { reference: 'Organization/7f8091a2-b3c4-4d5e-9f6a-7b8c9d0e1f2a' });
    assert.equal(role.code?.[0]?.coding?.[0]?.code, '10');
    assert.deepEqual(role.specialty, [{ text: 'cardiologie' }]);
  });

  it('emits a valid R4 PractitionerRole for every professional, with or without organisation and specialty', () => {
    fc.assert(
      fc.property(practitionerArbitrary, (practitioner) => {
        const role = practitionerRoleToFhir(practitioner);
        assertValidR4(role);
        assert.equal(role.organization === undefined, practitioner.organizationId === null);
        assert.equal(role.specialty === undefined, practitioner.specialty === null);
      }),
      { numRuns: 40 },
    );
  });
});
