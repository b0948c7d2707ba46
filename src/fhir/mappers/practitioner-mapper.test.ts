import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Practitioner } from '../../domain/directory/directory.ts';
import { practitionerArbitrary } from './directory-arbitraries.ts';
import { assertValidR4 } from './mapper-test-support.ts';
import { practitionerToFhir } from './practitioner-mapper.ts';

const FR_CORE_TYPES = 'https://hl7.fr/ig/fhir/core/CodeSystem/fr-core-cs-v2-0203';

const gp: Practitioner = {
  id: '4c5d6e7f-8091-4a2b-8c3d-4e5f6a7b8c9d',
  rpps: '10003461033',
  familyName: 'Lefèvre',
  givenName: 'Hélène',
  profession: 'physician',
  specialty: 'general_practice',
  organizationId: '5d6e7f80-91a2-4b3c-9d4e-5f6a7b8c9d0e',
};

describe('Practitioner mapper', () => {
  it('writes RPPS and idNatPs (8 + RPPS) typed as FR Core types them, the name and the profession', () => {
    const resource = practitionerToFhir(gp);
    assertValidR4(resource);
    assert.deepEqual(resource.identifier, [
      {
        use: 'official',
        type: { coding: [{ system: FR_CORE_TYPES, code: 'RPPS' }] },
        system: 'https://rpps.esante.gouv.fr',
        value: '10003461033',
      },
      {
        use: 'official',
        type: { coding: [{ system: FR_CORE_TYPES, code: 'IDNPS' }] },
        system: 'urn:oid:1.2.250.1.71.4.2.1',
        value: '810003461033',
      },
    ]);
    assert.deepEqual(resource.name, [{ use: 'usual', family: 'Lefèvre', given: ['Hélène'] }]);
    assert.deepEqual(resource.qualification?.[0]?.code, {
      coding: [
        {
          system: 'https://mos.esante.gouv.fr/NOS/TRE_G15-ProfessionSante/FHIR/TRE-G15-ProfessionSante',
          code: '10',
          display: 'Médecin',
        },
      ],
      text: 'Médecin',
    });
  });

  it('writes a profession without a checked nomenclature code in words only', () => {
    assert.deepEqual(practitionerToFhir({ ...gp, profession: 'social_worker' }).qualification, [
      { code: { text: 'Assistant de service social' } },
    ]);
  });

  it('emits a valid R4 Practitioner for every professional of the directory', () => {
    fc.assert(
      fc.property(practitionerArbitrary, (practitioner) => {
        const resource = practitionerToFhir(practitioner);
        assertValidR4(resource);
        assert.equal(resource.id, practitioner.id);
        assert.equal(resource.identifier?.[1]?.value, `8${practitioner.rpps}`);
      }),
      { numRuns: 40 },
    );
  });
});
