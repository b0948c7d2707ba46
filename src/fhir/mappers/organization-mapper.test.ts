import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { organizationArbitrary } from './directory-arbitraries.ts';
import { assertValidR4 } from './mapper-test-support.ts';
import { organizationToFhir } from './organization-mapper.ts';

const HOSPITAL_ID = '8091a2b3-c4d5-4e6f-8a7b-8c9d0e1f2a3b';

describe('Organization mapper', () => {
  it('writes a hospital with its FINESS (FINEG) and idNatSt (1 + FINESS)', () => {
    const resource = organizationToFhir({
      id: HOSPITAL_ID,
      kind: 'hospital',
      name: 'Centre hospitalier de Val-Relais',
      finess: '450990013',
      parentId: null,
      specialty: null,
    });
    assertValidR4(resource);
    assert.deepEqual(
      resource.identifier?.map(({ type, system, value }) => [type?.coding?.[0]?.code, system, value]),
      [
        ['FINEG', 'https://finess.esante.gouv.fr', '450990013'],
        ['IDNST', 'urn:oid:1.2.250.1.71.4.2.2', '1450990013'],
      ],
    );
    assert.equal(resource.type?.[0]?.coding?.[0]?.code, 'prov');
    assert.equal(resource.partOf, undefined);
  });

  it('writes a hospital service as a department part of its hospital', () => {
    const resource = organizationToFhir({
      id: '91a2b3c4-d5e6-4f7a-8b8c-9d0e1f2a3b4c',
      kind: 'hospital_service',
      name: 'Centre hospitalier de Val-Relais — Cardiologie',
      finess: null,
      parentId: HOSPITAL_ID,
      specialty: 'cardiology',
    });
    assertValidR4(resource);
    assert.equal(resource.identifier, undefined);
    assert.equal(resource.type?.[0]?.coding?.[0]?.code, 'dept');
    assert.deepEqual(resource.partOf, { reference: `Organization/${HOSPITAL_ID}` });
  });

  it('emits a valid R4 Organization for every organisation of the directory', () => {
    fc.assert(
      fc.property(organizationArbitrary, (organization) => {
        const resource = organizationToFhir(organization);
        assertValidR4(resource);
        assert.equal(resource.name, organization.name);
      }),
      { numRuns: 40 },
    );
  });
});
